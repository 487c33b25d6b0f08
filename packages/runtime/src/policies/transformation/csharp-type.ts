// The C# type name set-variable records with a value (spec §2.4), so that GetValueOrDefault<T> can check it.
// The expression compiler reports an expression's static result type; this is the stand-in used until the
// builder passes it on: it names the type from the JavaScript value an expression produced.

export function csharpTypeOf(value: unknown): string {
  if (value === null || value === undefined) return 'object';
  switch (typeof value) {
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
    case 'number':
      return Number.isInteger(value) ? 'int' : 'double';
    case 'bigint':
      return 'long';
    default: {
      // .NET objects from the expression library carry their type name on the constructor (JObject, DateTime...).
      const name = (value as { constructor?: { name?: unknown } }).constructor?.name;
      return typeof name === 'string' && name !== 'Object' ? name : 'object';
    }
  }
}
