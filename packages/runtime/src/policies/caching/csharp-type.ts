// The C# type a cached value goes back into context.Variables with (GetValueOrDefault<T> checks it).
// Expression values that are .NET objects (JObject, JArray...) are instances of classes named after their type.

export function csharpTypeOf(value: unknown): string {
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'double';
  if (value === null || value === undefined) return 'object';
  const name = (value as { constructor?: { name?: string } }).constructor?.name;
  return name && name !== 'Object' ? name : 'object';
}
