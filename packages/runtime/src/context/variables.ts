// context.Variables (spec §2.4): values with the C# type they were stored as, because
// GetValueOrDefault<T> throws when the stored value's type does not match T (spec §2.2).

export class Variables {
  private readonly values = new Map<string, unknown>();
  private readonly types = new Map<string, string>();

  /** `type` is the C# type name of the value ('string' for literals, the expression's result type otherwise). */
  set(name: string, value: unknown, type: string): void {
    this.values.set(name, value);
    this.types.set(name, type);
  }

  has(name: string): boolean {
    return this.values.has(name);
  }

  get(name: string): unknown {
    return this.values.get(name);
  }

  typeOf(name: string): string | undefined {
    return this.types.get(name);
  }

  delete(name: string): boolean {
    this.types.delete(name);
    return this.values.delete(name);
  }

  get size(): number {
    return this.values.size;
  }

  keys(): IterableIterator<string> {
    return this.values.keys();
  }

  entries(): IterableIterator<[string, unknown]> {
    return this.values.entries();
  }
}
