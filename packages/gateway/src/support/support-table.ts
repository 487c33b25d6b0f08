// The README's table of policies: every policy apimx has a declaration for, where APIM allows it, and whether the
// runtime runs it. Generated from the declarations and the runtime's registry, so it cannot claim support the
// code does not have (a test keeps the README in step).
import { ALL_POLICY_SCHEMAS } from '@apimx/parser';
import { BUILT_IN_POLICIES } from '@apimx/runtime';

/** Policies the runtime applies while composing a document rather than as a step of their own. */
const COMPOSED = new Set(['include-fragment']);

export const TABLE_START = '<!-- policy-support:start (generated: npm run -s support-table) -->';
export const TABLE_END = '<!-- policy-support:end -->';

export function supportTable(): string {
  const rows = [...ALL_POLICY_SCHEMAS]
    .filter((schema) => schema.name !== 'base')
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((schema) => {
      const names = [schema.name, ...(schema.aliases ?? [])].map((name) => `\`${name}\``).join(', ');
      const status = BUILT_IN_POLICIES.has(schema.name) || COMPOSED.has(schema.name) ? 'runs' : 'refused at load: not supported yet';
      return `| ${names} | ${schema.sections.join(', ')} | ${status} | ${schema.summary} |`;
    });
  const runs = rows.filter((row) => row.includes('| runs |')).length;
  return [
    TABLE_START,
    `${runs} of ${rows.length} declared policies run; a document using any other is refused when it loads, with its line and column.`,
    '',
    '| policy | sections | status | what it does |',
    '| --- | --- | --- | --- |',
    ...rows,
    TABLE_END,
  ].join('\n');
}

/** The README with its table replaced by the current one. */
export function withSupportTable(readme: string): string {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start < 0 || end < start) throw new Error('README has no policy-support markers');
  return readme.slice(0, start) + supportTable() + readme.slice(end + TABLE_END.length);
}
