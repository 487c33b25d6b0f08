// Where the subscription key is (spec §6): the API's header name, else its query parameter name; the query is
// read only when the header is absent. [INFERRED] an empty header counts as absent.
import type { HeaderMap } from '@apimx/runtime';

export function findKey(headers: HeaderMap, query: string, names: { header: string; query: string }): string | null {
  const header = headers.first(names.header);
  if (header !== undefined && header !== '') return header;
  if (query === '') return null;
  const value = new URLSearchParams(query).get(names.query);
  return value === null || value === '' ? null : value;
}
