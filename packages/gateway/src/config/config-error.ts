// A configuration that cannot be served: every problem with the JSON path it is at, as `file: $.a.b: message`.
export interface ConfigIssue {
  /** JSON path (`$.apis.aoai.path`). */
  path: string;
  message: string;
}

export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly issues: readonly ConfigIssue[],
  ) {
    super(issues.map((issue) => `${file}: ${issue.path}: ${issue.message}`).join('\n'));
    this.name = 'ConfigError';
  }
}

/** `$.apis` + `aoai` → `$.apis.aoai`; names that are not identifiers are quoted (`$.namedValues["a-b"]`). */
export function childPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}
