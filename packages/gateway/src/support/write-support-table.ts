// `npm run -s support-table`: rewrite the README's policy table from the declarations and the runtime registry.
import { readFileSync, writeFileSync } from 'node:fs';
import { withSupportTable } from './support-table.ts';

const README = new URL('../../../../README.md', import.meta.url);
writeFileSync(README, withSupportTable(readFileSync(README, 'utf8')));
