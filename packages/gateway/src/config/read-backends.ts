// `backends:` take an ARM `properties` object as is, bare or wrapped (`{ properties: {...} }`), and are checked by
// the runtime's backend validator (pools, members, breakers, credentials) with issues at their JSON path.
import { validateBackend } from '@apimx/runtime';
import { childPath } from './config-error.ts';
import type { BackendInit } from './config-types.ts';
import { substituteDeep } from './named-values.ts';
import { readUrl } from './policy-path.ts';
import { Fields, isPlain } from './reader.ts';

export function readBackends(root: Fields, namedValues: ReadonlyMap<string, string>): Map<string, BackendInit> {
  const backends = new Map<string, BackendInit>();
  for (const [id, raw, path] of root.entries('backends')) {
    const fields = Fields.of(root.issues, path, raw);
    if (!fields) continue;
    const properties = isPlain(fields.value['properties']) ? Fields.of(root.issues, fields.at('properties'), fields.value['properties'])! : fields;
    const substituted = substituteDeep(properties.value, namedValues, properties.path, root.issues) as BackendInit;
    // Only the scheme is checked here (http, https or mock://), after {{named values}}; presence and the rest are the validator's.
    const checked = new Fields(root.issues, properties.path, substituted);
    if (checked.string('type', 'Single').toLowerCase() !== 'pool' && checked.has('url')) readUrl(checked, 'url');
    backends.set(id, properties === fields ? substituted : { ...fields.value, properties: substituted });
  }
  const lookup = (id: string): unknown => {
    const entry = backends.get(id);
    return entry && isPlain(entry['properties']) ? entry['properties'] : entry;
  };
  const base = root.at('backends');
  for (const [id, entry] of backends) {
    for (const issue of validateBackend(id, entry, childPath(base, id), lookup)) {
      // One message per place: the URL scheme check above may already have spoken.
      if (!root.issues.some((known) => known.path === issue.path)) root.issues.push(issue);
    }
  }
  return backends;
}
