// The parser's pipeline for one policy file: named values → tolerant scan → XML → typed, validated document.
import type { PolicyDocument } from './document.ts';
import { PolicyError, type ExpressionSource, type SourcePos } from './source.ts';
import { LineIndex } from './scan/line-index.ts';
import { referencesInCode, substituteNamedValues } from './scan/named-values.ts';
import { replacePlaceholders } from './scan/placeholder.ts';
import { scanPolicyText } from './scan/scanner.ts';
import { readXml } from './xml/read-xml.ts';
import { buildDocument } from './validate/build-document.ts';
import type { BuildContext } from './validate/context.ts';
import type { LexedExpression } from './scan/csharp-lexer.ts';

export interface ParseOptions {
  /** How errors name the file (`path:line:col: message`). */
  file: string;
  /**
   * The configuration's named values. With them, an unknown `{{name}}` is an error; without (checking a bare
   * file), every `{{name}}` gets a neutral stand-in and is listed in `notes`.
   */
  namedValues?: ReadonlyMap<string, string> | Readonly<Record<string, string>>;
}

export interface ParseResult {
  /** Present unless the text could not be read as a policy document at all; may coexist with errors. */
  document?: PolicyDocument;
  /** Every problem found, in the order found; empty when the document is valid. */
  errors: PolicyError[];
  /** Things worth saying that are not errors, each `file:line:col: note: ...`. */
  notes: string[];
  /** Every expression the document uses, in document order, for the expression compiler. */
  expressions: ExpressionSource[];
}

export function parsePolicyDocument(input: string, options: ParseOptions): ParseResult {
  const { file } = options;
  // A byte-order mark is not part of the text anyone sees; columns are counted without it.
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const values = options.namedValues === undefined ? undefined : toMap(options.namedValues);
  const errors: PolicyError[] = [];
  const notes: string[] = [];
  const lines = new LineIndex(text);

  let sub = substituteNamedValues(text, values);
  let scan = scanPolicyText(sub.text);
  if (values === undefined && sub.uses.length > 0 && scan.error === undefined) {
    // Without a configuration, a named value written as code gets a stand-in that compiles (issue 2).
    const inCode = referencesInCode(sub, scan.expressions);
    if (inCode.size > 0) {
      sub = substituteNamedValues(text, values, inCode);
      scan = scanPolicyText(sub.text);
    }
  }
  const pos = (offset: number): SourcePos => lines.pos(sub.map.toOld(offset));
  const noted = new Set<string>();
  for (const use of sub.uses) {
    const at = lines.pos(use.offset);
    if (values !== undefined && !use.known) {
      errors.push(new PolicyError(file, at, `unknown named value '{{${use.name}}}'`));
    } else if (values === undefined && !noted.has(use.name)) {
      noted.add(use.name);
      notes.push(`${file}:${at.line}:${at.column}: note: named value {{${use.name}}} is not known without a configuration; checked with a stand-in`);
    }
  }

  if (scan.error !== undefined) {
    errors.push(new PolicyError(file, pos(scan.error.at), scan.error.message));
    return { errors, notes, expressions: [] };
  }
  let xml: ReturnType<typeof readXml>;
  try {
    xml = readXml(scan.text, scan.tags);
  } catch (e) {
    // fast-xml-parser refuses some names (`constructor`, `__proto__`), and the scanner and it could disagree:
    // say so at the named element or attribute rather than crash the caller.
    const message = (e as Error).message;
    const name = /"([^"]+)"/.exec(message)?.[1];
    const tag = scan.tags.find((t) => t.name === name || t.attributes.some((a) => a.name === name));
    const at = tag?.attributes.find((a) => a.name === name)?.at ?? tag?.at;
    errors.push(new PolicyError(file, at === undefined ? { line: 1, column: 1 } : pos(at), `cannot read the document: ${message}`));
    return { errors, notes, expressions: [] };
  }
  if (!xml.ok) {
    const at = new LineIndex(scan.text).offset(xml.line, xml.column);
    errors.push(new PolicyError(file, pos(scan.map.toOld(at)), `not well-formed XML: ${xml.message}`));
    return { errors, notes, expressions: [] };
  }

  const sources = new Map<number, ExpressionSource>();
  const ctx: BuildContext = {
    file,
    errors,
    notes,
    expression(index) {
      let source = sources.get(index);
      if (source === undefined) {
        source = toExpressionSource(scan.expressions[index]!, pos);
        sources.set(index, source);
      }
      return source;
    },
    literal: (value) => replacePlaceholders(value, (i) => writeBack(scan.expressions[i]!)),
    pos,
    hasStandIn: (start, end) => sub.uses.some((u) => !u.known && u.at < end && u.at + u.length > start),
    firstNonSpace(offset) {
      let p = offset;
      while (p < sub.text.length && /\s/.test(sub.text[p]!)) p++;
      return p;
    },
  };
  const document = buildDocument(ctx, xml.root);
  const expressions = [...sources.entries()].sort((a, b) => a[0] - b[0]).map(([, s]) => s);
  return document === undefined ? { errors, notes, expressions } : { document, errors, notes, expressions };
}

function toMap(values: ReadonlyMap<string, string> | Readonly<Record<string, string>>): ReadonlyMap<string, string> {
  return values instanceof Map ? values : new Map(Object.entries(values));
}

function writeBack(e: LexedExpression): string {
  return e.form === 'single' ? `@(${e.code})` : `@{${e.code}}`;
}

function toExpressionSource(e: LexedExpression, pos: (offset: number) => SourcePos): ExpressionSource {
  const breaks = e.breaks;
  return {
    form: e.form,
    code: e.code,
    pos: pos(e.at),
    locate(offset: number): SourcePos {
      // The last break at or before the offset; code and source advance together from there.
      let k = 0;
      for (let j = 2; j < breaks.length && breaks[j]! <= offset; j += 2) k = j;
      return pos(breaks[k + 1]! + (offset - breaks[k]!));
    },
  };
}
