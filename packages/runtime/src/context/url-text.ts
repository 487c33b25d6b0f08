// The text forward-request sends for a URL nobody has touched: exactly Url.parse(text).toString() (the path
// decoded and re-encoded segment by segment, the query re-serialised), memoised because on a gateway the same
// few backend URLs come by again and again. A pure function of its argument, so the memo cannot go stale.
import { Url } from '@apimx/parser';

const MAX_ENTRIES = 2048;
const memo = new Map<string, string>();

export function canonicalUrlText(text: string): string {
  let out = memo.get(text);
  if (out === undefined) {
    out = Url.parse(text).toString();
    // Bounded: a flood of distinct URLs (query strings) only clears the memo, it never grows without end.
    if (memo.size >= MAX_ENTRIES) memo.clear();
    memo.set(text, out);
  }
  return out;
}
