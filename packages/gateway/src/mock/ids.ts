// Identifiers in OpenAI's formats (chatcmpl-…, cmpl-…, resp_…, msg_…, req_…): a random process prefix and a counter,
// cheap enough for the benchmark path and unique within a run.
import { randomBytes } from 'node:crypto';

const PREFIX = randomBytes(9).toString('base64url').replace(/[-_]/g, 'x');
let counter = 0;

export function newId(kind: string, separator: '-' | '_' = '-'): string {
  counter = (counter + 1) % 0x7fffffff;
  return `${kind}${separator}${PREFIX}${counter.toString(36).padStart(6, '0')}`;
}
