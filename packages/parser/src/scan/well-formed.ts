// Writes a policy text back out as well-formed XML: every expression XML-escaped in place (raw inside CDATA),
// named values left as written. What APIM accepts loosely, any strict XML tool then reads the same way.
import { scanPolicyText } from './scanner.ts';
import { replacePlaceholders } from './placeholder.ts';

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** The well-formed text, or undefined when an expression is unbalanced. */
export function toWellFormedXml(text: string): string | undefined {
  const scan = scanPolicyText(text);
  if (scan.error !== undefined) return undefined;
  return replacePlaceholders(scan.text, (i) => {
    const e = scan.expressions[i]!;
    const code = e.decoded ? escapeXml(e.code) : e.code;
    return e.form === 'single' ? `@(${code})` : `@{${code}}`;
  });
}
