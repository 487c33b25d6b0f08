// `new { a = 1, b }`: an anonymous object. Its members are read by name at run time; library code (e.g.
// JsonConvert.SerializeObject) can read `entries`.
import type { TypeName } from '../dotnet/registry.ts';
import { csError } from '../runtime/errors.ts';

export class CsAnonymous {
  readonly entries: ReadonlyMap<string, { value: unknown; type: TypeName }>;
  constructor(props: readonly (readonly [string, unknown, TypeName])[]) {
    this.entries = new Map(props.map(([k, v, t]) => [k, { value: v, type: t }]));
  }

  get(name: string): unknown {
    const e = this.entries.get(name);
    if (!e) throw csError('RuntimeBinderException', `The anonymous object has no member '${name}'.`);
    return e.value;
  }
}
