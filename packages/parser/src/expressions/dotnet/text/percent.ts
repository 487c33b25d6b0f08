// Percent-encoding shared by WebUtility and Uri: UTF-8 bytes as %XX (uppercase), lone surrogates as U+FFFD.
import { Buffer } from 'node:buffer';

export function percentEncode(text: string, keep: (c: string) => boolean, space?: string): string {
  let out = '';
  for (const ch of text) {
    if (ch.length === 1 && keep(ch)) out += ch;
    else if (ch === ' ' && space !== undefined) out += space;
    else for (const b of Buffer.from(ch, 'utf8')) out += `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** Decode %XX runs as UTF-8; `plus` turns '+' into a space. Invalid escapes stay as written. */
export function percentDecode(text: string, plus: boolean, keepInvalidUtf8: boolean): string {
  let out = '';
  for (let i = 0; i < text.length;) {
    const c = text[i]!;
    if (c === '+' && plus) { out += ' '; i++; continue; }
    if (c !== '%' || !/^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) { out += c; i++; continue; }
    const start = i;
    const bytes: number[] = [];
    while (text[i] === '%' && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 3;
    }
    const decoded = new TextDecoder('utf-8', { ignoreBOM: true }).decode(Uint8Array.from(bytes));
    // Uri.UnescapeDataString leaves sequences that are not valid UTF-8 escaped.
    out += keepInvalidUtf8 && decoded.includes('\ufffd') ? text.slice(start, i) : decoded;
  }
  return out;
}
