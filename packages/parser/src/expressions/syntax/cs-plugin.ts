// The acorn plugin that teaches acorn the C# forms policy expressions use (the way acorn-jsx extends it).
// acorn's internals are untyped, hence `any` on the parser instance. Ambiguities (casts, generic calls, typed
// locals) are resolved by looking ahead in the raw text with the scanners of type-scan.ts.
import { Parser, tokTypes as tt, TokenType } from 'acorn';
import type { AnyNode, InitItem } from './nodes.ts';
import {
  readChar, readInterpolated, readNumber, readRegularString, readVerbatimString, LiteralError,
} from './literals.ts';
import type { Hole, NumberType } from './literals.ts';
import {
  scanCast, scanDeclaration, scanIdent, scanType, scanTypeArgs, scanTypedLambda, skipWs,
} from './type-scan.ts';

const interpToken = new (TokenType as any)('interpolated string', { startsExpr: true }); // eslint-disable-line @typescript-eslint/no-explicit-any

/* eslint-disable @typescript-eslint/no-explicit-any */
function csPlugin(Base: any): any {
  return class CsParser extends Base {
    csNumType: NumberType | undefined;

    // ---- tokenizer ----
    readToken(code: number): unknown {
      const input: string = this.input;
      const pos: number = this.pos;
      const next = input.charCodeAt(pos + 1);
      try {
        if (code === 34) return this.finishCs(tt.string, readRegularString(input, pos));
        if (code === 39) return this.finishCs(tt.string, readChar(input, pos));
        if (code === 64 /* @ */) {
          if (next === 34) return this.finishCs(tt.string, readVerbatimString(input, pos));
          if (next === 36 && input.charCodeAt(pos + 2) === 34) return this.finishInterp(pos);
          const e = scanIdent(input, pos + 1);
          if (e > 0) {
            this.pos = e;
            return this.finishToken(tt.name, input.slice(pos + 1, e));
          }
        }
        if (code === 36 /* $ */ && (next === 34 || (next === 64 && input.charCodeAt(pos + 2) === 34))) return this.finishInterp(pos);
        if (code >= 48 && code <= 57) {
          const n = readNumber(input, pos);
          this.pos = n.end;
          this.csNumType = n.type;
          if (/[A-Za-z_]/.test(input[n.end] ?? '')) this.raise(n.end, 'Identifier directly after number');
          return this.finishToken(tt.num, n.value);
        }
        if (code === 63 /* ? */ && next === 91 /* [ */) {
          // `a?[i]`: a null-conditional index. Emit `?.` over the `?` only; `[` follows as usual.
          this.pos = pos + 1;
          return this.finishToken(tt.questionDot, '?.');
        }
      } catch (e) {
        if (e instanceof LiteralError) this.raise(e.pos, e.message);
        throw e;
      }
      return super.readToken(code);
    }

    finishCs(type: unknown, lit: { value: string; end: number }): unknown {
      this.pos = lit.end;
      return this.finishToken(type, lit.value);
    }

    finishInterp(pos: number): unknown {
      const r = readInterpolated(this.input, pos);
      this.pos = r.end;
      return this.finishToken(interpToken, r.parts);
    }

    /** Moves the tokenizer to `pos` and reads the token there (after a type scanned in the raw text). */
    jumpTo(pos: number): void {
      this.end = pos;
      this.pos = pos;
      this.next();
    }

    raiseRecoverable(pos: number, message: string): void {
      // C# allows mixing ?? with || and &&.
      if (message.startsWith('Logical expressions and coalesce')) return;
      super.raiseRecoverable(pos, message);
    }

    // ---- expressions ----
    parseExprAtom(refDestructuringErrors: unknown, forInit: unknown, forNew: unknown): AnyNode {
      if (this.type === tt.num) {
        const csType = this.csNumType;
        const node = super.parseExprAtom(refDestructuringErrors, forInit, forNew);
        node.csType = csType;
        return node;
      }
      if (this.type === tt.string) {
        const csType = this.input[this.start] === "'" ? 'char' : 'string';
        const node = super.parseExprAtom(refDestructuringErrors, forInit, forNew);
        node.csType = csType;
        return node;
      }
      if (this.type === interpToken) return this.parseInterpolated();
      if (this.type === tt._default) {
        const node = this.startNode();
        this.next();
        node.typeName = null;
        if (this.type === tt.parenL) {
          node.typeName = this.parseParenType();
        }
        return this.finishNode(node, 'CsDefault');
      }
      return super.parseExprAtom(refDestructuringErrors, forInit, forNew);
    }

    /** `( Type )` at the current `(` token; returns the type text. */
    parseParenType(): string {
      const t = scanType(this.input, this.end, { nullable: true, arrays: true });
      if (!t) this.raise(this.start, 'Type expected');
      this.jumpTo(t!.end);
      this.expect(tt.parenR);
      return t!.text;
    }

    parseInterpolated(): AnyNode {
      const node = this.startNode();
      const raw: (string | Hole)[] = this.value;
      node.parts = raw.map((part) => {
        if (typeof part === 'string') return part;
        const sub = new (this.constructor as any)(this.options, this.input, part.start);
        sub.nextToken();
        const expression = sub.parseMaybeAssign();
        if (sub.lastTokEnd > part.end || this.input.slice(sub.lastTokEnd, part.end).trim() !== '') {
          this.raise(sub.lastTokEnd, 'Unexpected text in interpolation hole');
        }
        return { expression, alignment: part.alignment, format: part.format };
      });
      this.next();
      return this.finishNode(node, 'CsInterpolated');
    }

    parseMaybeUnary(refDestructuringErrors: unknown, sawUnary: boolean, incDec: boolean, forInit: unknown): AnyNode {
      if (this.type === tt.parenL) {
        const cast = scanCast(this.input, this.start);
        if (cast) {
          const node = this.startNode();
          node.typeName = cast.type;
          this.jumpTo(cast.end);
          node.argument = this.parseMaybeUnary(null, true, false, forInit);
          return this.finishNode(node, 'CsCast');
        }
        const lambda = scanTypedLambda(this.input, this.start);
        if (lambda) {
          const node = this.startNode();
          const params = lambda.params.map((p) => {
            const id = this.startNodeAt(p.start);
            id.name = p.name;
            id.csType = p.type;
            id.start = p.start;
            const done = this.finishNode(id, 'Identifier');
            done.end = p.end;
            return done;
          });
          this.jumpTo(lambda.end);
          this.expect(tt.arrow);
          return this.parseArrowExpression(node, params, false, forInit);
        }
      }
      if (this.type === tt._typeof && this.input[skipWs(this.input, this.end)] === '(') {
        const node = this.startNode();
        this.next();
        node.typeName = this.parseParenType();
        const done = this.finishNode(node, 'CsTypeof');
        return this.parseSubscripts(done, done.start, undefined, false, forInit);
      }
      return super.parseMaybeUnary(refDestructuringErrors, sawUnary, incDec, forInit);
    }

    /** acorn's switch, with C# 7 case labels: `case int n:`, `case string s when s.Length > 0:`, `case var x
     *  when ...:`, and a `when` guard after a constant (`case 1 when flag:`). */
    parseSwitchStatement(node: AnyNode): AnyNode {
      this.next();
      node.discriminant = this.parseParenExpression();
      node.cases = [];
      this.expect(tt.braceL);
      this.labels.push({ kind: 'switch' });
      this.enterScope(1024); // acorn's SCOPE_SWITCH
      let cur: AnyNode | undefined;
      let sawDefault = false;
      while (this.type !== tt.braceR) {
        if (this.type === tt._case || this.type === tt._default) {
          const isCase = this.type === tt._case;
          if (cur) this.finishNode(cur, 'SwitchCase');
          const label: AnyNode = this.startNode();
          cur = label;
          node.cases.push(label);
          label.consequent = [];
          this.next();
          if (isCase) {
            label.test = this.parseCasePattern() ?? this.parseExpression();
            if (this.type === tt.name && this.value === 'when') {
              this.next();
              label.guard = this.parseExpression();
            }
          } else {
            if (sawDefault) this.raiseRecoverable(this.lastTokStart, 'Multiple default clauses');
            sawDefault = true;
            label.test = null;
          }
          this.expect(tt.colon);
        } else {
          if (!cur) this.unexpected();
          cur!.consequent.push(this.parseStatement(null));
        }
      }
      this.exitScope();
      if (cur) this.finishNode(cur, 'SwitchCase');
      this.next();
      this.labels.pop();
      return this.finishNode(node, 'SwitchStatement');
    }

    /** `Type name` (or `var name`, `Type _`) followed by `:` or `when`: a declaration pattern; else null. */
    parseCasePattern(): AnyNode | null {
      const t = scanType(this.input, this.start, { nullable: true, arrays: true });
      if (!t) return null;
      const s = skipWs(this.input, t.end);
      const e = scanIdent(this.input, s);
      if (e < 0) return null;
      const name = this.input.slice(s, e);
      if (name === 'when') return null;
      const after = skipWs(this.input, e);
      if (this.input[after] !== ':' && !(this.input.startsWith('when', after) && scanIdent(this.input, after) === after + 4)) return null;
      const pattern = this.startNode();
      pattern.typeName = t.text;
      pattern.designation = name === '_' ? null : name;
      this.jumpTo(e);
      return this.finishNode(pattern, 'CsCasePattern');
    }

    parseExprOp(left: AnyNode, leftStartPos: number, leftStartLoc: unknown, minPrec: number, forInit: unknown): AnyNode {
      const relational = (tt.relational as any).binop as number; // eslint-disable-line @typescript-eslint/no-explicit-any
      if (this.type === tt.name && (this.value === 'is' || this.value === 'as') && relational > minPrec) {
        const op = this.value;
        const node = this.startNodeAt(leftStartPos, leftStartLoc);
        node.argument = left;
        const after = skipWs(this.input, this.end);
        if (op === 'is' && this.input.startsWith('null', after) && scanIdent(this.input, after) === after + 4) {
          node.typeName = null;
          node.designation = null;
          node.pattern = 'null';
          this.jumpTo(after + 4);
        } else if (op === 'is' && this.input.startsWith('not', after) && this.input.startsWith('null', skipWs(this.input, after + 3))) {
          const p = skipWs(this.input, after + 3);
          node.typeName = null;
          node.designation = null;
          node.pattern = 'not null';
          this.jumpTo(p + 4);
        } else {
          const t = scanType(this.input, this.end, { nullable: false, arrays: true });
          if (!t) this.raise(after, 'Type expected');
          node.typeName = t!.text;
          node.designation = null;
          let end = t!.end;
          if (op === 'is') {
            const s = skipWs(this.input, end);
            const e = scanIdent(this.input, s);
            const word = e > 0 ? this.input.slice(s, e) : '';
            if (e > 0 && !['and', 'or', 'is', 'as', 'when'].includes(word)) {
              node.designation = word;
              end = e;
            }
          }
          this.jumpTo(end);
        }
        const done = this.finishNode(node, op === 'is' ? 'CsIs' : 'CsAs');
        return this.parseExprOp(done, leftStartPos, leftStartLoc, minPrec, forInit);
      }
      return super.parseExprOp(left, leftStartPos, leftStartLoc, minPrec, forInit);
    }

    parseSubscript(base: AnyNode, startPos: number, startLoc: unknown, noCalls: boolean, maybeAsyncArrow: boolean, optionalChained: boolean, forInit: unknown): AnyNode {
      if (this.type === tt.relational && this.value === '<' && !noCalls &&
          (base.type === 'Identifier' || (base.type === 'MemberExpression' && !base.computed))) {
        const args = scanTypeArgs(this.input, this.start);
        if (args && this.input[skipWs(this.input, args.end)] === '(') {
          this.jumpTo(args.end);
          this.expect(tt.parenL);
          const node = this.startNodeAt(startPos, startLoc);
          node.callee = base;
          node.arguments = this.parseExprList(tt.parenR, true, false, null);
          node.optional = false;
          node.typeArgs = args.args;
          return this.finishNode(node, 'CallExpression');
        }
      }
      return super.parseSubscript(base, startPos, startLoc, noCalls, maybeAsyncArrow, optionalChained, forInit);
    }

    parseExprList(close: unknown, allowTrailingComma: boolean, allowEmpty: boolean, refDestructuringErrors: unknown): AnyNode[] {
      const elts: AnyNode[] = [];
      let first = true;
      while (!this.eat(close)) {
        if (!first) {
          this.expect(tt.comma);
          if (allowTrailingComma && this.afterTrailingComma(close)) break;
        } else first = false;
        elts.push(this.parseArgument(refDestructuringErrors));
      }
      return elts;
    }

    /** One call argument: `out var x`, `out T x`, `out x`, `name: value`, or an expression. */
    parseArgument(refDestructuringErrors: unknown): AnyNode {
      if (this.type === tt.name && (this.value === 'out' || this.value === 'ref')) {
        const node = this.startNode();
        const decl = scanDeclarationAfterOut(this.input, this.end);
        if (decl) {
          node.declType = decl.type;
          node.name = decl.name;
          this.jumpTo(decl.end);
          return this.finishNode(node, 'CsOut');
        }
        const s = skipWs(this.input, this.end);
        const e = scanIdent(this.input, s);
        if (e > 0) {
          node.declType = null;
          node.name = this.input.slice(s, e);
          this.jumpTo(e);
          return this.finishNode(node, 'CsOut');
        }
      }
      if (this.type === tt.name) {
        const p = skipWs(this.input, this.end);
        if (this.input[p] === ':' && this.input[p + 1] !== ':') {
          const node = this.startNode();
          node.name = this.value;
          this.next();
          this.expect(tt.colon);
          node.value = this.parseMaybeAssign(false);
          return this.finishNode(node, 'CsNamedArg');
        }
      }
      return this.parseMaybeAssign(false, refDestructuringErrors);
    }

    parseNew(): AnyNode {
      const node = this.startNode();
      this.next();
      node.args = [];
      node.init = null;
      node.anonymous = null;
      node.arraySize = null;
      node.isArray = false;
      if (this.type === tt.bracketL) {
        // new[] { ... }
        this.next();
        this.expect(tt.bracketR);
        node.typeName = null;
        node.isArray = true;
        node.init = this.parseInitializer(true);
        return this.finishNode(node, 'CsNew');
      }
      if (this.type === tt.braceL) {
        node.typeName = null;
        node.anonymous = this.parseAnonymous();
        return this.finishNode(node, 'CsNew');
      }
      const t = scanType(this.input, this.start, { nullable: true, arrays: false });
      if (!t) this.raise(this.start, 'Type expected after new');
      node.typeName = t!.text;
      this.jumpTo(t!.end);
      if (this.type === tt.bracketL) {
        node.isArray = true;
        this.next();
        if (this.type !== tt.bracketR) node.arraySize = this.parseMaybeAssign();
        this.expect(tt.bracketR);
        while (this.type === tt.bracketL && this.input[skipWs(this.input, this.end)] === ']') {
          this.next();
          this.next();
          node.typeName += '[]';
        }
        if (this.type === tt.braceL) node.init = this.parseInitializer(true);
        return this.finishNode(node, 'CsNew');
      }
      if (this.eat(tt.parenL)) node.args = this.parseExprList(tt.parenR, true, false, null);
      if (this.type === tt.braceL) node.init = this.parseInitializer(false);
      return this.finishNode(node, 'CsNew');
    }

    /** `{ a, b }`, `{ ["k"] = v }`, `{ Name = v }`, `{ {k, v} }`. */
    parseInitializer(arrayOnly: boolean): InitItem[] {
      this.expect(tt.braceL);
      const items: InitItem[] = [];
      while (!this.eat(tt.braceR)) {
        if (items.length > 0) {
          this.expect(tt.comma);
          if (this.eat(tt.braceR)) break;
        }
        if (!arrayOnly && this.type === tt.bracketL) {
          this.next();
          const args = this.parseExprList(tt.bracketR, false, false, null);
          this.expect(tt.eq);
          items.push({ kind: 'index', args, value: this.parseMaybeAssign() });
        } else if (!arrayOnly && this.type === tt.braceL) {
          this.next();
          items.push({ kind: 'add', args: this.parseExprList(tt.braceR, true, false, null) });
        } else if (!arrayOnly && this.type === tt.name && this.input[skipWs(this.input, this.end)] === '=' && this.input[skipWs(this.input, this.end) + 1] !== '=') {
          const name = this.value;
          this.next();
          this.expect(tt.eq);
          items.push({ kind: 'member', name, args: [], value: this.parseMaybeAssign() });
        } else {
          items.push({ kind: 'add', args: [this.parseMaybeAssign()] });
        }
      }
      return items;
    }

    /** `new { a = 1, b }`: anonymous objects (serialized by JsonConvert). */
    parseAnonymous(): { name: string; value: AnyNode }[] {
      this.expect(tt.braceL);
      const props: { name: string; value: AnyNode }[] = [];
      while (!this.eat(tt.braceR)) {
        if (props.length > 0) {
          this.expect(tt.comma);
          if (this.eat(tt.braceR)) break;
        }
        if (this.type === tt.name && this.input[skipWs(this.input, this.end)] === '=' && this.input[skipWs(this.input, this.end) + 1] !== '=') {
          const name = this.value;
          this.next();
          this.expect(tt.eq);
          props.push({ name, value: this.parseMaybeAssign() });
        } else {
          const value = this.parseMaybeAssign();
          const name = value.type === 'Identifier' ? value.name : value.type === 'MemberExpression' && !value.computed ? value.property.name : null;
          if (!name) this.raise(value.start, 'Invalid anonymous type member declarator');
          props.push({ name, value });
        }
      }
      return props;
    }

    // ---- statements ----
    parseStatement(context?: unknown, topLevel?: boolean, exports?: unknown): AnyNode {
      if (this.type === tt.name) {
        if (this.value === 'foreach') return this.parseForeach();
        if (this.value === 'using' && this.input[skipWs(this.input, this.end)] === '(') return this.parseUsing();
      }
      if (this.type === tt.name || this.type === tt._var) {
        const decl = scanDeclaration(this.input, this.start);
        if (decl) {
          const node = this.parseLocal(decl.type, decl.end);
          this.semicolon();
          return node;
        }
      }
      if (this.type === tt._const) {
        const decl = scanDeclaration(this.input, this.end);
        if (decl) {
          const node = this.parseLocal(decl.type, decl.end);
          this.semicolon();
          return node;
        }
      }
      if (this.type === tt._throw) {
        const p = skipWs(this.input, this.end);
        if (this.input[p] === ';') {
          const node = this.startNode();
          this.next();
          node.argument = null;
          this.semicolon();
          return this.finishNode(node, 'ThrowStatement');
        }
      }
      return super.parseStatement(context, topLevel, exports);
    }

    /** A local declaration whose type text ends at `typeEnd`; the caller eats the `;`. */
    parseLocal(declType: string, typeEnd: number): AnyNode {
      const node = this.startNode();
      node.declType = declType;
      this.jumpTo(typeEnd);
      node.declarations = [];
      do {
        const d = this.startNode();
        d.name = this.parseIdent(false).name;
        d.init = null;
        if (this.eat(tt.eq)) {
          d.init = this.type === tt.braceL ? this.parseArrayInit(declType, d.start) : this.parseMaybeAssign();
        }
        node.declarations.push(this.finishNode(d, 'CsDeclarator'));
      } while (this.eat(tt.comma));
      return this.finishNode(node, 'CsLocal');
    }

    /** `T[] a = { ... }`. */
    parseArrayInit(declType: string, start: number): AnyNode {
      const node = this.startNodeAt(start);
      node.typeName = declType.replace(/\[\]$/, '');
      node.isArray = true;
      node.args = [];
      node.arraySize = null;
      node.anonymous = null;
      node.init = this.parseInitializer(true);
      return this.finishNode(node, 'CsNew');
    }

    parseForeach(): AnyNode {
      const node = this.startNode();
      this.next();
      this.expect(tt.parenL);
      const t = scanType(this.input, this.start, { nullable: true, arrays: true });
      if (!t) this.raise(this.start, 'Type expected');
      node.declType = t!.text;
      this.jumpTo(t!.end);
      node.name = this.parseIdent(false).name;
      this.expect(tt._in);
      node.right = this.parseExpression();
      this.expect(tt.parenR);
      this.labels.push({ kind: 'loop' });
      node.body = this.parseStatement('for');
      this.labels.pop();
      return this.finishNode(node, 'CsForeach');
    }

    parseUsing(): AnyNode {
      const node = this.startNode();
      this.next();
      this.expect(tt.parenL);
      node.local = null;
      node.expression = null;
      const decl = scanDeclaration(this.input, this.start);
      if (decl) node.local = this.parseLocal(decl.type, decl.end);
      else node.expression = this.parseExpression();
      this.expect(tt.parenR);
      node.body = this.parseStatement('using');
      return this.finishNode(node, 'CsUsing');
    }

    parseForStatement(node: AnyNode): AnyNode {
      this.next();
      this.labels.push({ kind: 'loop' });
      this.expect(tt.parenL);
      node.init = null;
      if (this.type !== tt.semi) {
        const decl = (this.type === tt.name || this.type === tt._var) ? scanDeclaration(this.input, this.start) : null;
        node.init = decl ? this.parseLocal(decl.type, decl.end) : this.parseExpression();
      }
      this.expect(tt.semi);
      node.test = this.type === tt.semi ? null : this.parseExpression();
      this.expect(tt.semi);
      node.update = this.type === tt.parenR ? null : this.parseExpression();
      this.expect(tt.parenR);
      node.body = this.parseStatement('for');
      this.labels.pop();
      return this.finishNode(node, 'ForStatement');
    }

    parseTryStatement(node: AnyNode): AnyNode {
      this.next();
      node.block = this.parseBlock();
      node.handlers = [];
      while (this.type === tt._catch) {
        const clause = this.startNode();
        this.next();
        clause.typeName = null;
        clause.name = null;
        clause.filter = null;
        if (this.type === tt.parenL) {
          const t = scanType(this.input, this.end, { nullable: false, arrays: false });
          if (!t) this.raise(this.start, 'Exception type expected');
          clause.typeName = t!.text;
          this.jumpTo(t!.end);
          if (this.type === tt.name) clause.name = this.parseIdent(false).name;
          this.expect(tt.parenR);
        }
        if (this.type === tt.name && this.value === 'when') {
          this.next();
          this.expect(tt.parenL);
          clause.filter = this.parseExpression();
          this.expect(tt.parenR);
        }
        clause.body = this.parseBlock();
        node.handlers.push(this.finishNode(clause, 'CsCatch'));
      }
      node.finalizer = this.eat(tt._finally) ? this.parseBlock() : null;
      if (node.handlers.length === 0 && !node.finalizer) this.raise(node.start, 'Expected catch or finally');
      return this.finishNode(node, 'CsTry');
    }
  };
}

/** After `out`: `var x` or `T x`. */
function scanDeclarationAfterOut(input: string, pos: number): { type: string; name: string; end: number } | null {
  const t = scanType(input, pos, { nullable: true, arrays: true });
  if (!t) return null;
  const s = skipWs(input, t.end);
  const e = scanIdent(input, s);
  if (e < 0) return null;
  return { type: t.text, name: input.slice(s, e), end: e };
}

export const CsParser: typeof Parser = Parser.extend(csPlugin as any);
