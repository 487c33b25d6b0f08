// The top-level `usage` object of a JSON response body, found without parsing the body: model responses put it
// near the end, after the generated text, which is most of the bytes. Works on the bytes (JSON's structure is
// ASCII, and UTF-8 never puts an ASCII byte inside a multi-byte character), so the text is never decoded either.
//
// The answer is exact for a well-formed body: a `"usage"` that follows `{` or `,` starts a key (inside a JSON
// string every quote is escaped); its object is closed by brace counting outside strings; and it is a key of the
// root object when what follows it closes exactly one object and the body ends there. A body that is malformed
// before the usage is not detected here (a full parse would reject it): its well-formed usage is read anyway.

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;
const KEY = Buffer.from('"usage"');

/** The top-level usage object's text, or undefined when the fast reading does not apply (parse the whole body). */
export function topLevelUsageText(body: Uint8Array): string | undefined {
  const bytes = Buffer.isBuffer(body) ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const at = bytes.lastIndexOf(KEY);
  if (at < 0) return undefined;
  const before = skipSpaceBack(bytes, at - 1);
  if (before < 0 || (bytes[before] !== OPEN_BRACE && bytes[before] !== COMMA)) return undefined;
  let i = skipSpace(bytes, at + KEY.length);
  if (bytes[i] !== COLON) return undefined;
  const start = skipSpace(bytes, i + 1);
  if (bytes[start] !== OPEN_BRACE) return undefined;
  const end = closeOf(bytes, start);
  if (end < 0) return undefined;
  // What follows must close the enclosing object and end the body.
  i = closeOf(bytes, end + 1, 1);
  if (i < 0 || bytes[i] !== CLOSE_BRACE || skipSpace(bytes, i + 1) !== bytes.length) return undefined;
  return bytes.toString('utf8', start, end + 1);
}

/**
 * Index of the bracket that brings the nesting from `depth` to 0, scanning from `from` (which, at depth 0, is the
 * opening brace itself); -1 when the bytes end first.
 */
function closeOf(bytes: Uint8Array, from: number, depth = 0): number {
  let inString = false;
  for (let i = from; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (inString) {
      if (b === BACKSLASH) i++;
      else if (b === QUOTE) inString = false;
    } else if (b === QUOTE) inString = true;
    else if (b === OPEN_BRACE || b === OPEN_BRACKET) depth++;
    else if (b === CLOSE_BRACE || b === CLOSE_BRACKET) {
      depth--;
      if (depth === 0) return i;
      if (depth < 0) return -1;
    }
  }
  return -1;
}

function skipSpace(bytes: Uint8Array, i: number): number {
  while (i < bytes.length && isSpace(bytes[i]!)) i++;
  return i;
}

function skipSpaceBack(bytes: Uint8Array, i: number): number {
  while (i >= 0 && isSpace(bytes[i]!)) i--;
  return i;
}

function isSpace(b: number): boolean {
  return b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;
}
