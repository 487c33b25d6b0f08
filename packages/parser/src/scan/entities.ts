// XML entity references as they occur inside expressions written in the escaped form (`&quot;`, `&amp;&amp;`).

const NAMED: Readonly<Record<string, string>> = { quot: '"', amp: '&', lt: '<', gt: '>', apos: "'" };

/** The entity at `i` (which holds `&`): its decoded text and length, or undefined when it is a bare `&`. */
export function entityAt(text: string, i: number): { value: string; length: number } | undefined {
  const semi = text.indexOf(';', i + 1);
  if (semi === -1 || semi - i > 10) return undefined;
  const body = text.slice(i + 1, semi);
  const named = NAMED[body];
  if (named !== undefined) return { value: named, length: semi - i + 1 };
  const m = /^#(?:x([0-9a-fA-F]+)|([0-9]+))$/.exec(body);
  if (m === null) return undefined;
  const code = m[1] !== undefined ? parseInt(m[1], 16) : parseInt(m[2]!, 10);
  if (code > 0x10ffff) return undefined;
  return { value: String.fromCodePoint(code), length: semi - i + 1 };
}
