import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUILT_IN_POLICIES } from '@apimx/runtime';
import { supportTable, withSupportTable } from '../../src/support/support-table.ts';

const README = readFileSync(new URL('../../../../README.md', import.meta.url), 'utf8');

describe("the README's policy support table", () => {
  it('is the one the declarations and the runtime registry give (run `npm run -s support-table`)', () => {
    expect(withSupportTable(README)).toBe(README);
  });

  it('says "runs" exactly for the policies the runtime has', () => {
    const table = supportTable();
    expect(table).toContain('| `llm-token-limit`, `azure-openai-token-limit` | inbound | runs |');
    expect(table).toContain('| `xml-to-json` | inbound, outbound, on-error | runs |');
    expect(table).toContain('| `jsonp` | outbound | refused at load: not supported yet |');
    expect(table).toContain('| `include-fragment` | inbound, backend, outbound, on-error | runs |');
    const running = table.split('\n').filter((row) => row.includes('| runs |')).length;
    // Every runtime policy, plus include-fragment, which composition applies.
    expect(running).toBe(BUILT_IN_POLICIES.size + 1);
  });
});
