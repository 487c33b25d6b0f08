// List<T>: a growable array. Its items are a JS array that only this class mutates.
import { ExpressionError } from '../registry.ts';

export const INDEX_OUT_OF_RANGE =
  "Index was out of range. Must be non-negative and less than the size of the collection. (Parameter 'index')";

export class CsList implements Iterable<unknown> {
  readonly items: unknown[];
  constructor(items: unknown[] = [], readonly elementType = 'dynamic') {
    this.items = items;
  }
  get Count(): number {
    return this.items.length;
  }
  checkIndex(index: unknown): number {
    if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= this.items.length) {
      throw new ExpressionError(INDEX_OUT_OF_RANGE, 'ArgumentOutOfRangeException');
    }
    return index;
  }
  get(index: unknown): unknown {
    return this.items[this.checkIndex(index)];
  }
  set(index: unknown, value: unknown): void {
    this.items[this.checkIndex(index)] = value;
  }
  [Symbol.iterator](): Iterator<unknown> {
    return this.items[Symbol.iterator]();
  }
  toString(): string {
    return `System.Collections.Generic.List\`1[${dotnetTypeName(this.elementType)}]`;
  }
}

const DOTNET_NAMES: Readonly<Record<string, string>> = {
  string: 'System.String', int: 'System.Int32', long: 'System.Int64', double: 'System.Double', bool: 'System.Boolean',
  object: 'System.Object', char: 'System.Char', decimal: 'System.Decimal', float: 'System.Single', byte: 'System.Byte',
  dynamic: 'System.Object', JToken: 'Newtonsoft.Json.Linq.JToken', JObject: 'Newtonsoft.Json.Linq.JObject',
};

/** The CLR name .NET prints for a type in ToString(): 'string' → 'System.String'. */
export function dotnetTypeName(t: string): string {
  if (t.endsWith('[]')) return dotnetTypeName(t.slice(0, -2)) + '[]';
  return DOTNET_NAMES[t] ?? t;
}
