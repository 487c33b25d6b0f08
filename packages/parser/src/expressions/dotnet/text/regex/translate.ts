// .NET regex syntax → a JS RegExp source.
//
// Differences handled: named groups in both spellings, .NET group numbering (unnamed groups first, then
// named ones), inline options (?imnsx-imnsx) and (?i:...), ^ $ . \A \Z \z with .NET's meanings, x-mode
// whitespace and comments, explicit capture, escapes JS rejects under the 'u' flag.
// Approximations (documented): inline options apply to the whole pattern; atomic groups (?>...) backtrack
// like (?:...); Captures hold only the last capture. Refused: conditionals, balancing groups, class
// subtraction, RightToLeft.
//
// Catastrophic backtracking: JS regexes cannot be interrupted, so a quantified group that contains an
// unbounded quantifier and no plain literal to anchor each iteration (`(a+)+`, `(\w+\s?)*`) is refused
// up front, where .NET would time out at run time; `(\d+,)*` and `(?:[a-z]+\.)+` are accepted.
import { ExpressionError } from '../../registry.ts';
import { RegexOptions } from './options.ts';

export interface Translated {
  source: string;
  flags: string;
  /** JS capture index of each .NET group number (index 0 → 0). */
  jsIndex: number[];
  /** .NET group name of each .NET group number ("0", "1", ..., or the name). */
  names: string[];
}

const SYNTAX = '^$\\.*+?()[]{}|/';

function unsupported(what: string): never {
  throw new ExpressionError(`Regex construct not supported by this gateway: ${what}.`, 'NotSupportedException');
}

function invalid(pattern: string, why: string): never {
  throw new ExpressionError(`Invalid pattern '${pattern}'. ${why}`, 'RegexParseException');
}

interface Frame { unbounded: boolean; literal: boolean }

export function translate(pattern: string, options: number): Translated {
  if (options & RegexOptions.RightToLeft) unsupported('RegexOptions.RightToLeft');
  let ignoreCase = (options & RegexOptions.IgnoreCase) !== 0;
  let multiline = (options & RegexOptions.Multiline) !== 0;
  let singleline = (options & RegexOptions.Singleline) !== 0;
  let explicit = (options & RegexOptions.ExplicitCapture) !== 0;
  let extended = (options & RegexOptions.IgnorePatternWhitespace) !== 0;
  let unicode = false;

  // Capture groups in order of appearance: name or null.
  const groups: (string | null)[] = [];
  let out = '';
  let inClass = false;
  const frames: Frame[] = [{ unbounded: false, literal: false }];
  const top = (): Frame => frames[frames.length - 1]!;

  const applyInline = (spec: string): void => {
    let on = true;
    for (const c of spec) {
      if (c === '-') { on = false; continue; }
      if (c === 'i') ignoreCase = on;
      else if (c === 'm') multiline = on;
      else if (c === 's') singleline = on;
      else if (c === 'n') explicit = on;
      else if (c === 'x') extended = on;
      else invalid(pattern, 'Unrecognized grouping construct.');
    }
  };

  const quantifierAt = (i: number): { unbounded: boolean; length: number } | null => {
    const c = pattern[i];
    if (c === '*' || c === '+') return { unbounded: true, length: 1 };
    if (c === '?') return { unbounded: false, length: 1 };
    const m = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(i));
    if (m) return { unbounded: m[2] !== undefined && m[3] === '', length: m[0].length };
    return null;
  };

  /** A literal atom counts as an anchor only when no quantifier follows it. */
  const literalAt = (next: number): void => {
    if (!quantifierAt(next)) top().literal = true;
  };

  for (let i = 0; i < pattern.length;) {
    const c = pattern[i]!;
    if (inClass) {
      if (c === ']') { inClass = false; out += c; i++; continue; }
      if (c === '-' && pattern[i + 1] === '[') unsupported('character class subtraction');
      if (c === '\\') { const [text, len] = escape(i); out += text; i += len; continue; }
      if (c === '[' || c === '/') { out += `\\${c}`; i++; continue; }
      out += c; i++;
      continue;
    }
    if (extended && /\s/.test(c)) { i++; continue; }
    if (extended && c === '#') { while (i < pattern.length && pattern[i] !== '\n') i++; continue; }
    switch (c) {
      case '[': {
        inClass = true;
        out += '[';
        i++;
        if (pattern[i] === '^') { out += '^'; i++; }
        // A leading ']' is a literal in .NET.
        if (pattern[i] === ']') { out += '\\]'; i++; }
        continue;
      }
      case '\\': {
        const [text, len, isLiteral] = escape(i);
        out += text;
        i += len;
        if (isLiteral) literalAt(i);
        continue;
      }
      case '.': out += singleline ? '[\\s\\S]' : '[^\\n]'; i++; continue;
      case '^': out += multiline ? '(?<![^\\n])' : '(?<![\\s\\S])'; i++; continue;
      case '$': out += multiline ? '(?![^\\n])' : '(?=\\n?(?![\\s\\S]))'; i++; continue;
      case '(': {
        const [text, len] = openGroup(i);
        out += text;
        i += len;
        continue;
      }
      case ')': {
        const frame = frames.pop();
        if (!frame || frames.length === 0) invalid(pattern, 'Too many )\'s.');
        out += ')';
        i++;
        const q = quantifierAt(i);
        if (q?.unbounded && frame.unbounded && !frame.literal) {
          throw new ExpressionError(`Regex pattern '${pattern}' refused: a repeated group whose body repeats without a literal separator can backtrack exponentially (APIM would hit its regex timeout).`, 'RegexMatchTimeoutException');
        }
        if (frame.unbounded) top().unbounded = true;
        if (frame.literal && !q) top().literal = true;
        continue;
      }
      case '*': case '+': case '{': case '?': {
        const q = quantifierAt(i);
        if (q) {
          if (q.unbounded) top().unbounded = true;
          out += pattern.slice(i, i + q.length);
          i += q.length;
          // Lazy and possessive suffixes: lazy passes through; possessive is refused by JS anyway.
          if (pattern[i] === '?') { out += '?'; i++; }
          continue;
        }
        out += '\\{';
        i++;
        literalAt(i);
        continue;
      }
      case '/': out += '\\/'; i++; literalAt(i); continue;
      case '}': case ']': out += `\\${c}`; i++; literalAt(i); continue;
      default:
        out += c;
        i++;
        if (c !== '|') literalAt(i);
    }
  }
  if (inClass) invalid(pattern, 'Unterminated [] set.');
  if (frames.length !== 1) invalid(pattern, 'Not enough )\'s.');

  // .NET numbers unnamed groups first, then named ones in order of first appearance.
  const unnamed: number[] = [];
  const named = new Map<string, number>();
  groups.forEach((name, k) => {
    if (name === null) unnamed.push(k + 1);
    else if (named.has(name)) unsupported(`duplicate group name '${name}'`);
    else named.set(name, k + 1);
  });
  const jsIndex = [0, ...unnamed, ...named.values()];
  const names = ['0', ...unnamed.map((_, k) => String(k + 1)), ...named.keys()];
  // Numbered backreferences were written with .NET numbers.
  const source = out.replace(/\uE000(\d+)\uE001/g, (_w, n: string) => {
    const js = jsIndex[Number(n)];
    if (js === undefined) invalid(pattern, `Reference to undefined group number ${n}.`);
    return `\\${js}`;
  });
  return { source, flags: `dg${ignoreCase ? 'i' : ''}${unicode ? 'u' : ''}`, jsIndex, names };

  // --- helpers that share the walk's state ---

  function openGroup(i: number): [string, number] {
    const rest = pattern.slice(i);
    frames.push({ unbounded: false, literal: false });
    if (!rest.startsWith('(?')) {
      if (explicit) return ['(?:', 1];
      groups.push(null);
      return ['(', 1];
    }
    let m: RegExpExecArray | null;
    if ((m = /^\(\?(?:<([A-Za-z_]\w*)>|'([A-Za-z_]\w*)')/.exec(rest))) {
      const name = m[1] ?? m[2]!;
      groups.push(name);
      return [`(?<${name}>`, m[0].length];
    }
    if (/^\(\?(?:<|')\w*-/.test(rest)) unsupported('balancing groups');
    if ((m = /^\(\?(?:<|')(\d+)(?:>|')/.exec(rest))) unsupported('numbered named groups');
    if (rest.startsWith('(?:') || rest.startsWith('(?=') || rest.startsWith('(?!')) return [rest.slice(0, 3), 3];
    if (rest.startsWith('(?<=') || rest.startsWith('(?<!')) return [rest.slice(0, 4), 4];
    if (rest.startsWith('(?>')) return ['(?:', 3];
    if (rest.startsWith('(?#')) {
      frames.pop();
      const end = pattern.indexOf(')', i);
      if (end < 0) invalid(pattern, 'Unterminated (?#...) comment.');
      return ['', end - i + 1];
    }
    if (rest.startsWith('(?(')) unsupported('conditional groups');
    if ((m = /^\(\?([imnsx-]+)\)/.exec(rest))) {
      frames.pop();
      applyInline(m[1]!);
      return ['', m[0].length];
    }
    if ((m = /^\(\?([imnsx-]+):/.exec(rest))) {
      applyInline(m[1]!);
      return ['(?:', m[0].length];
    }
    invalid(pattern, 'Unrecognized grouping construct.');
  }

  /** [JS text, length consumed, whether it is a single literal character]. */
  function escape(i: number): [string, number, boolean] {
    const n = pattern[i + 1];
    if (n === undefined) invalid(pattern, 'Illegal \\\\ at end of pattern.');
    if (!inClass) {
      if (n === 'A') return ['(?<![\\s\\S])', 2, false];
      if (n === 'z') return ['(?![\\s\\S])', 2, false];
      if (n === 'Z') return ['(?=\\n?(?![\\s\\S]))', 2, false];
      if (n === 'G') return ['', 2, false];
      if (n === 'k') {
        const m = /^\\k(?:<(\w+)>|'(\w+)')/.exec(pattern.slice(i));
        if (!m) invalid(pattern, 'Malformed \\k<...> named back reference.');
        const name = m[1] ?? m[2]!;
        return [/^\d+$/.test(name) ? `\uE000${name}\uE001` : `\\k<${name}>`, m[0].length, false];
      }
      const digits = /^\\([1-9]\d*)/.exec(pattern.slice(i));
      if (digits) return [`\uE000${digits[1]}\uE001`, digits[0].length, false];
    }
    if ('dDwWsSbB'.includes(n)) return [`\\${n}`, 2, false];
    if (n === 'p' || n === 'P') {
      const m = /^\\[pP]\{(\w+)\}/.exec(pattern.slice(i));
      if (!m) invalid(pattern, 'Incomplete \\p{X} character escape.');
      if (/^Is/.test(m[1]!)) unsupported(`Unicode block \\p{${m[1]}}`);
      unicode = true;
      return [m[0], m[0].length, false];
    }
    const simple: Record<string, string> = { t: '\\t', n: '\\n', r: '\\r', f: '\\f', v: '\\v', e: '\\x1B', a: '\\x07', '0': '\\0' };
    if (simple[n] !== undefined) return [simple[n]!, 2, true];
    if (n === 'x') {
      const m = /^\\x[0-9A-Fa-f]{2}/.exec(pattern.slice(i));
      if (!m) invalid(pattern, 'Insufficient hexadecimal digits.');
      return [m[0], 4, true];
    }
    if (n === 'u') {
      const m = /^\\u[0-9A-Fa-f]{4}/.exec(pattern.slice(i));
      if (!m) invalid(pattern, 'Insufficient hexadecimal digits.');
      return [m[0], 6, true];
    }
    if (n === 'c') return [pattern.slice(i, i + 3), 3, true];
    if (/[A-Za-z0-9]/.test(n)) invalid(pattern, `Unrecognized escape sequence \\${n}.`);
    // Escaped punctuation: keep JS syntax characters escaped, write the rest as \xHH or \uHHHH.
    if (SYNTAX.includes(n) || (inClass && n === '-')) return [`\\${n}`, 2, true];
    const code = n.charCodeAt(0);
    return [code < 256 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`, 2, true];
  }
}
