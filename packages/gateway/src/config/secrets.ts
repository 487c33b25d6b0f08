// Secret named values (`secret: true`) are shown as secrets, the way APIM's portal hides them: wherever apimx
// would print or serve a text that contains a secret's value (a configuration or policy error, the last reload
// error in /apimx/health, the traces in /apimx/traces), the value is replaced by its reference `{{name}}`.
// Every non-empty secret is redacted, however short: a garbled message is better than an echoed key.

export class SecretRedactor {
  /** Longest value first, so a secret that contains another is replaced whole. */
  private entries: { value: string; reference: string }[] = [];

  constructor(namedValues?: ReadonlyMap<string, string>, secret?: ReadonlySet<string>) {
    if (namedValues && secret) this.add(namedValues, secret);
  }

  /** Also redact these secrets (a reload may bring new values; traces taken before it keep the old ones). */
  add(namedValues: ReadonlyMap<string, string>, secret: ReadonlySet<string>): this {
    for (const name of secret) {
      const value = namedValues.get(name);
      if (value === undefined || value === '' || this.entries.some((e) => e.value === value)) continue;
      this.entries.push({ value, reference: `{{${name}}}` });
    }
    this.entries.sort((a, b) => b.value.length - a.value.length);
    return this;
  }

  get empty(): boolean {
    return this.entries.length === 0;
  }

  redact(text: string): string {
    let out = text;
    for (const { value, reference } of this.entries) if (out.includes(value)) out = out.split(value).join(reference);
    return out;
  }

  /** Every string inside `value` redacted (object keys stay as they are); the input is not changed. */
  redactDeep<T>(value: T): T {
    if (this.empty) return value;
    return this.walk(value) as T;
  }

  private walk(value: unknown): unknown {
    if (typeof value === 'string') return this.redact(value);
    if (Array.isArray(value)) return value.map((item) => this.walk(item));
    if (typeof value === 'object' && value !== null) {
      // What JSON shows of it: a class with toJSON is redacted as it serializes.
      const toJSON = (value as { toJSON?: () => unknown }).toJSON;
      if (typeof toJSON === 'function') return this.walk(toJSON.call(value));
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) out[key] = this.walk(item);
      return out;
    }
    return value;
  }
}
