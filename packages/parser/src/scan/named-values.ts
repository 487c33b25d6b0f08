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

/**
 * With `values`, each reference becomes its value (unknown names get the stand-in and are reported by the
 * caller). Without, each becomes the neutral stand-in: the bare name, which is safe in XML, in attribute
 * values and inside C# strings.
 */
export function substituteNamedValues(text: string, values?: ReadonlyMap<string, string>): Substituted {
  const map = new OffsetMap();
  const uses: NamedValueUse[] = [];
  if (!text.includes('{{')) return { text, map, uses };
  let out = '';
  let last = 0;
  for (const m of text.matchAll(REFERENCE)) {
    const name = m[1]!;
    const value = values?.get(name);
    const replacement = value ?? name;
    out += text.slice(last, m.index);
    uses.push({ name, offset: m.index, known: value !== undefined, at: out.length, length: replacement.length });
    map.add(out.length, replacement.length, m.index, m[0].length);
    out += replacement;
    last = m.index + m[0].length;
  }
  out += text.slice(last);
  return { text: out, map, uses };
}
