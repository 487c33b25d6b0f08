// Small helpers the backend validators share: the issue shape and how values are shown in messages.

export interface BackendIssue {
  /** JSON path of the offending value, under the prefix the caller gave. */
  path: string;
  message: string;
}

export type Json = Record<string, unknown>;
export type Add = (path: string, message: string) => void;

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function show(value: unknown): string {
  return value === undefined ? 'nothing' : JSON.stringify(value);
}
