// Which operation of an API: method and URL template, the most specific template first.
import { compileTemplate, type UrlTemplate } from './url-template.ts';

export interface OperationMatch<T> {
  operation: T;
  params: ReadonlyMap<string, string>;
}

export class OperationRouter<T extends { readonly method: string; readonly urlTemplate: string }> {
  private readonly entries: readonly { operation: T; template: UrlTemplate }[];

  constructor(operations: Iterable<T>) {
    this.entries = [...operations]
      .map((operation) => ({ operation, template: compileTemplate(operation.urlTemplate) }))
      .sort((a, b) => b.template.specificity - a.template.specificity);
  }

  match(method: string, path: string): OperationMatch<T> | null {
    return this.find(path, (own) => own === method || own === '*');
  }

  /**
   * A CORS preflight for `requested` (its Access-Control-Request-Method): an operation defined for OPTIONS on
   * the path, else the operation the actual request will match (routing/preflight.ts says why).
   */
  matchPreflight(requested: string, path: string): OperationMatch<T> | null {
    return this.find(path, (own) => own === 'OPTIONS') ?? this.match(requested, path);
  }

  private find(path: string, accepts: (method: string) => boolean): OperationMatch<T> | null {
    for (const { operation, template } of this.entries) {
      if (!accepts(operation.method)) continue;
      const params = template.match(path);
      if (params) return { operation, params };
    }
    return null;
  }
}
