// `{{name}}` substitution, the first step (spec §1.4): textual, everywhere, also inside C# string literals.
// Display names hold letters, digits, `.`, `-` and `_`, so `{{` followed by anything else (e.g. an escaped
// brace in an interpolated string) is left alone.
import { OffsetMap } from './offset-map.ts';

export interface NamedValueUse {
  name: string;
  /** Offset of `{{` in the original text. */
  offset: number;
  /** Whether the map had the name (always false when there is no map). */
  known: boolean;
  /** Where its value or stand-in stands in the substituted text, and how long it is. */
  at: number;
  length: number;
}

export interface Substituted {
  text: string;
  /** Substituted-text offsets → original offsets. */
  map: OffsetMap;
  uses: NamedValueUse[];
}

const REFERENCE = /\{\{\s*([A-Za-z0-9._-]+)\s*\}\}/g;

/** The stand-in for a named value written as C# code (`@({{limit}} + 1)`) when its value is unknown: a
 *  `dynamic` null compiles wherever a value may stand (arithmetic, conditions, arguments, assignments). */
export const CODE_STAND_IN = '((dynamic)null)';

/**
 * With `values`, each reference becomes its value (unknown names get the stand-in and are reported by the
 * caller). Without, each becomes a neutral stand-in: the bare name, which is safe in XML, in attribute values
 * and inside C# strings, or CODE_STAND_IN for the references at the offsets in `inCode`.
 */
export function substituteNamedValues(text: string, values?: ReadonlyMap<string, string>, inCode?: ReadonlySet<number>): Substituted {
  const map = new OffsetMap();
  const uses: NamedValueUse[] = [];
  if (!text.includes('{{')) return { text, map, uses };
  let out = '';
  let last = 0;
  for (const m of text.matchAll(REFERENCE)) {
    const name = m[1]!;
    const value = values?.get(name);
    const replacement = value ?? (inCode?.has(m.index) ? CODE_STAND_IN : name);
    out += text.slice(last, m.index);
    uses.push({ name, offset: m.index, known: value !== undefined, at: out.length, length: replacement.length });
    map.add(out.length, replacement.length, m.index, m[0].length);
    out += replacement;
    last = m.index + m[0].length;
  }
  out += text.slice(last);
  return { text: out, map, uses };
}

/** The references (by original offset) that stand in C# code: inside an expression, outside its literals and
 *  comments. `expressions` are those a scan of `sub.text` found. */
export function referencesInCode(sub: Substituted, expressions: readonly { at: number; end: number; literals: number[] }[]): Set<number> {
  const found = new Set<number>();
  for (const use of sub.uses) {
    const e = expressions.find((x) => x.at <= use.at && use.at + use.length <= x.end);
    if (!e) continue;
    let inLiteral = false;
    for (let k = 0; k < e.literals.length && !inLiteral; k += 2) inLiteral = e.literals[k]! <= use.at && use.at < e.literals[k + 1]!;
    if (!inLiteral) found.add(use.offset);
  }
  return found;
}
