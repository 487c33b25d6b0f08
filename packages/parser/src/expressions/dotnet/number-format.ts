// .NET number formatting with the invariant culture: default ToString, standard formats (N, F, D, X, E, G, P,
// C, R) and custom formats ('0.00', '#,##0', '0.#', 'positive;negative;zero').
import { ExpressionError } from './registry.ts';

const INTEGRAL = new Set(['sbyte', 'byte', 'short', 'ushort', 'int', 'uint', 'long', 'ulong', 'char']);

/** Shortest round-trip text of a double as .NET Core 3.0+ prints it ("1E+15", "1E-05", "NaN", "∞"). */
export function formatDouble(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '∞';
  if (v === -Infinity) return '-∞';
  if (v === 0) return Object.is(v, -0) ? '-0' : '0';
  const [mant, expText] = v.toExponential().split('e') as [string, string];
  const exp = Number(expText);
  if (exp >= 15 || exp < -4) {
    const sign = exp < 0 ? '-' : '+';
    const e = String(Math.abs(exp)).padStart(2, '0');
    return `${mant}E${sign}${e}`;
  }
  return String(v);
}

/** The shortest decimal that reads back as the same single-precision value (float.ToString()). */
function shortestSingle(v: number): number {
  if (!Number.isFinite(v)) return v;
  for (let p = 1; p <= 9; p++) {
    const c = Number(v.toPrecision(p));
    if (Math.fround(c) === Math.fround(v)) return c;
  }
  return v;
}

/** Rounds |v| to `digits` decimals, half away from zero on the shortest decimal text (as decimal does). */
function toFixedAway(v: number, digits: number): string {
  const abs = Math.abs(v);
  if (abs >= 1e21) return abs.toFixed(digits);
  const [mant, expText] = abs.toExponential().split('e') as [string, string];
  const exp = Number(expText);
  const digitsText = mant.replace('.', '');
  // The decimal point sits after (exp + 1) digits of digitsText.
  const pointAt = exp + 1;
  let intDigits: string;
  let fracDigits: string;
  if (pointAt <= 0) {
    intDigits = '0';
    fracDigits = '0'.repeat(-pointAt) + digitsText;
  } else if (pointAt >= digitsText.length) {
    intDigits = digitsText + '0'.repeat(pointAt - digitsText.length);
    fracDigits = '';
  } else {
    intDigits = digitsText.slice(0, pointAt);
    fracDigits = digitsText.slice(pointAt);
  }
  const keep = fracDigits.slice(0, digits).padEnd(digits, '0');
  const roundUp = (fracDigits[digits] ?? '0') >= '5';
  let all = (intDigits + keep).split('').map(Number);
  if (roundUp) {
    let i = all.length - 1;
    while (i >= 0) {
      if (all[i]! < 9) {
        all[i]!++;
        break;
      }
      all[i] = 0;
      i--;
    }
    if (i < 0) all = [1, ...all];
  }
  const s = all.join('');
  const ip = s.slice(0, s.length - digits).replace(/^0+(?=\d)/, '') || '0';
  return digits > 0 ? `${ip}.${s.slice(s.length - digits)}` : ip;
}

function group(intPart: string): string {
  return intPart.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function negative(v: number, text: string): string {
  return v < 0 && /[1-9]/.test(text) ? `-${text}` : text;
}

/** `value.ToString(format)` for a number whose static type is `type`. */
export function formatNumber(v: number, type: string, format?: string | null): string {
  const integral = INTEGRAL.has(type);
  if (!format) {
    if (integral) return String(v);
    return type === 'float' ? formatDouble(shortestSingle(v)) : formatDouble(v);
  }
  if (!Number.isFinite(v)) return formatDouble(v);
  const std = /^([A-Za-z])(\d{0,2})$/.exec(format);
  if (std) return standard(v, std[1]!, std[2] === '' ? undefined : Number(std[2]), integral, type);
  return custom(v, format);
}

function standard(v: number, spec: string, precision: number | undefined, integral: boolean, type: string): string {
  const upper = spec.toUpperCase();
  switch (upper) {
    case 'N': return negative(v, addGroups(toFixedAway(v, precision ?? 2)));
    case 'F': return negative(v, toFixedAway(v, precision ?? 2));
    case 'P': return negative(v, addGroups(toFixedAway(v * 100, precision ?? 2))) + ' %';
    case 'C': return negative(v, '¤' + addGroups(toFixedAway(v, precision ?? 2)));
    case 'D': {
      if (!integral) throw new ExpressionError('Format specifier was invalid.', 'FormatException');
      const s = String(Math.abs(v)).padStart(precision ?? 0, '0');
      return v < 0 ? `-${s}` : s;
    }
    case 'X': {
      if (!integral) throw new ExpressionError('Format specifier was invalid.', 'FormatException');
      let n = v;
      if (n < 0) n = type === 'long' ? Number(BigInt.asUintN(64, BigInt(n))) : n >>> 0;
      const s = n.toString(16).padStart(precision ?? 0, '0');
      return spec === 'X' ? s.toUpperCase() : s;
    }
    case 'E': {
      const p = precision ?? 6;
      const [m, e] = v.toExponential(p).split('e') as [string, string];
      const exp = Number(e);
      return `${m}${spec === 'E' ? 'E' : 'e'}${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(3, '0')}`;
    }
    case 'G': case 'R': {
      if (precision === undefined || upper === 'R') return integral ? String(v) : formatDouble(v);
      const t = Number(v.toPrecision(precision));
      return integral ? String(t) : formatDouble(t);
    }
    default:
      return custom(v, spec + (precision ?? ''));
  }
}

function addGroups(fixed: string): string {
  const [i, f] = fixed.split('.');
  return f === undefined ? group(i!) : `${group(i!)}.${f}`;
}

/** Custom numeric format strings. */
function custom(v: number, format: string): string {
  const sections = splitSections(format);
  let fmt = sections[0]!;
  let value = v;
  if (v < 0 && sections.length > 1 && sections[1] !== '') {
    fmt = sections[1]!;
    value = -v;
  } else if (v === 0 && sections.length > 2) {
    fmt = sections[2]!;
  }
  // Literal runs, quoted text and escapes are kept; digit placeholders are filled from the number.
  let percent = false;
  let body = '';
  for (let i = 0; i < fmt.length; i++) {
    const c = fmt[i]!;
    if (c === '%') percent = true;
    if (c === "'" || c === '"') {
      const j = fmt.indexOf(c, i + 1);
      i = j < 0 ? fmt.length : j;
      continue;
    }
    if (c === '\\') {
      i++;
      continue;
    }
    body += c;
  }
  if (percent) value *= 100;
  const firstPh = fmt.search(/[0#]/);
  if (firstPh < 0) return literal(fmt);
  const dot = body.indexOf('.');
  const intSpec = dot < 0 ? body : body.slice(0, dot);
  const fracSpec = dot < 0 ? '' : body.slice(dot + 1);
  const fracZeros = (fracSpec.match(/0/g) ?? []).length;
  const fracMax = (fracSpec.match(/[0#]/g) ?? []).length;
  const intZeros = ((intSpec.replace(/^[^0#]*/, '').match(/0/g)) ?? []).length;
  const grouping = /[0#],+[0#]/.test(intSpec);
  let fixed = toFixedAway(value, fracMax);
  let [ip, fp = ''] = fixed.split('.');
  fp = fp.replace(/0+$/, '');
  if (fp.length < fracZeros) fp = fp.padEnd(fracZeros, '0');
  if (ip === '0' && intZeros === 0) ip = '';
  ip = ip!.padStart(intZeros, '0');
  if (grouping) ip = group(ip);
  const numText = fp ? `${ip}.${fp}` : ip;
  fixed = numText;
  // Re-insert the literal prefix and suffix around the digits.
  const start = firstPh;
  let end = fmt.length;
  for (let i = fmt.length - 1; i >= 0; i--) if (/[0#]/.test(fmt[i]!)) {
    end = i + 1;
    break;
  }
  const prefix = literal(fmt.slice(0, start));
  const suffix = literal(fmt.slice(end));
  const sign = value < 0 && /[1-9]/.test(fixed) && sections.length === 1 ? '-' : '';
  return `${sign}${prefix}${fixed || '0'}${suffix}`.replace(/^-?(?=\.)/, (m) => m);
}

function literal(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === "'" || c === '"') {
      const j = text.indexOf(c, i + 1);
      out += text.slice(i + 1, j < 0 ? text.length : j);
      i = j < 0 ? text.length : j;
    } else if (c === '\\') {
      out += text[i + 1] ?? '';
      i++;
    } else if (c !== ',' && c !== '.') out += c;
  }
  return out;
}

function splitSections(format: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < format.length; i++) {
    const c = format[i]!;
    if (c === "'" || c === '"') {
      const j = format.indexOf(c, i + 1);
      cur += format.slice(i, j < 0 ? format.length : j + 1);
      i = j < 0 ? format.length : j;
    } else if (c === ';') {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}
