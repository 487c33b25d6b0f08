// The decoded path of the incoming URL (context.Request.OriginalUrl.Path), which tells the token policies the
// API and the deployment. Parsing the URL (WHATWG parse, query dictionary) cost more than the rest of reading a
// request's token facts; a plain path needs none of it, so only other paths are parsed.
import { Url } from '@apimx/parser';

// Scheme and authority, then a path the URL parser would leave as it is: no percent-escapes, backslashes,
// spaces or other characters it encodes or decodes, and no dot segments.
const PLAIN = /^https?:\/\/[^/?#\\]*(\/[\w\-~.!$&'()*+,;=:@/]*)?(?:[?#]|$)/i;
const DOT_SEGMENT = /(^|\/)\.\.?(\/|$)/;

export function originalPath(url: string): string {
  const match = PLAIN.exec(url);
  if (match !== null) {
    const path = match[1] ?? '/';
    if (!DOT_SEGMENT.test(path)) return path;
  }
  return Url.parse(url).Path;
}
