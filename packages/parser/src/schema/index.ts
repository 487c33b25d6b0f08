// Every policy apimx knows, by element name. Declarations live one family per file under ./policies/.
import type { PolicySchema } from './types.ts';
import { ALL_POLICY_SCHEMAS } from './policies/index.ts';

export type * from './types.ts';

const byElementName = new Map<string, PolicySchema>();
for (const schema of ALL_POLICY_SCHEMAS) {
  for (const name of [schema.name, ...(schema.aliases ?? [])]) {
    if (byElementName.has(name)) throw new Error(`policy ${name} is declared twice`);
    byElementName.set(name, schema);
  }
}

/** The declaration for a policy element name (aliases included), or undefined when apimx has none. */
export function findPolicySchema(elementName: string): PolicySchema | undefined {
  return byElementName.get(elementName);
}

export { ALL_POLICY_SCHEMAS };
