// Form data (application/x-www-form-urlencoded) as Body.AsFormUrlEncodedContent() gives it, an
// IDictionary<string, IList<string>>, and back as ToFormUrlEncodedContent() writes it (spec §2.2, T29).
import { ExpressionError } from '../registry.ts';
import { percentDecode, percentEncode } from '../text/percent.ts';
import { CsDictionary } from './dictionary.ts';
import { CsList } from './list.ts';

/** The dictionary of a form body. [INFERRED] Reading a missing key gives a new empty list, added to the form:
 *  the set-body docs' own example `body["newKey"].Add("newValue")` works only so (a plain Dictionary throws). */
export class FormDictionary extends CsDictionary {
  constructor() {
    super('string', 'IList<string>');
  }

  override get(key: unknown): unknown {
    if (!this.has(key)) this.set(key, new CsList([], 'string'));
    return super.get(key);
  }
}

/** Parses `a=1&b=2&a=3` (+ as space, %XX as UTF-8; invalid escapes stay as written); repeated names collect. */
export function parseForm(text: string): FormDictionary {
  const form = new FormDictionary();
  for (const part of text.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const name = percentDecode(eq < 0 ? part : part.slice(0, eq), true, false);
    const value = percentDecode(eq < 0 ? '' : part.slice(eq + 1), true, false);
    (form.get(name) as CsList).items.push(value);
  }
  return form;
}

const UNRESERVED = /^[A-Za-z0-9\-_.~]$/;

/** As .NET's FormUrlEncodedContent encodes: Uri.EscapeDataString with %20 written as '+'. */
const encode = (text: string): string => percentEncode(text, (c) => UNRESERVED.test(c), '+');

/** `name=value&...`, one pair per value, in the dictionary's order. */
export function toFormUrlEncoded(dict: CsDictionary): string {
  const pairs: string[] = [];
  for (const entry of dict) {
    const name = encode(String(entry.Key));
    const value = entry.Value;
    const values = value instanceof CsList ? value.items : Array.isArray(value) ? value : [value];
    for (const v of values) {
      if (v !== null && typeof v !== 'string') throw new ExpressionError('ToFormUrlEncodedContent expects IDictionary<string, IList<string>>.', 'ArgumentException');
      pairs.push(`${name}=${encode(v ?? '')}`);
    }
  }
  return pairs.join('&');
}
