// System.Collections.Generic as expressions see it: List, Dictionary, HashSet, Queue, Stack, KeyValuePair,
// StringComparer and the interfaces as type names. LINQ lives in linq.ts.
import type { TypeModule } from '../registry.ts';
import { listDecl } from './list-decl.ts';
import { dictionaryDecl } from './dictionary-decl.ts';
import { hashSetDecl, keyValuePairDecl, queueDecl, stackDecl, stringComparerDecl } from './set-queue-stack-decls.ts';
import { interfaceDecls } from './interfaces.ts';

const concrete = [listDecl, dictionaryDecl, hashSetDecl, queueDecl, stackDecl];

export const collectionTypes: TypeModule = [
  ...concrete,
  keyValuePairDecl,
  stringComparerDecl,
  ...interfaceDecls(concrete),
];

export { CsList } from './list.ts';
export { CsDictionary } from './dictionary.ts';
export { CsHashSet } from './hash-set.ts';
export { CsQueue, CsStack } from './queue-stack.ts';
export { KeyValuePair } from './key-value-pair.ts';
export { CsStringComparer, STRING_COMPARERS } from './string-comparer.ts';
export { csEquals, csCompare, hashKey } from './equality.ts';
export { registerForeignTypes } from './foreign.ts';
export { registerEnumerator } from './iterate.ts';
