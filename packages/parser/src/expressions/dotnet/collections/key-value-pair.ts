// KeyValuePair<K,V>: a struct, so equality is by value.
import type { CsValue } from './equality.ts';
import { csEquals, hashKey } from './equality.ts';
import { displayString } from './display.ts';

export class KeyValuePair implements CsValue {
  constructor(readonly Key: unknown, readonly Value: unknown) {}
  csEquals(other: unknown): boolean {
    return other instanceof KeyValuePair && csEquals(this.Key, other.Key) && csEquals(this.Value, other.Value);
  }
  csHash(): string {
    return `kvp:${hashKey(this.Key)}|${hashKey(this.Value)}`;
  }
  /** .NET prints "[key, value]". */
  toString(): string {
    return `[${displayString(this.Key)}, ${displayString(this.Value)}]`;
  }
}
