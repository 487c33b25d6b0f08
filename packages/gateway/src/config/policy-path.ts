// Policy and document paths in the configuration are relative to the configuration file's directory.
import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type { Fields } from './reader.ts';

export function readPath(fields: Fields, key: string, baseDir: string): string | null {
  const value = fields.string(key);
  if (value === undefined) return null;
  const file = isAbsolute(value) ? value : resolve(baseDir, value);
  if (!existsSync(file)) {
    fields.fail(key, `file not found: ${file}`);
    return null;
  }
  return file;
}

/** A URL the gateway can send to: http(s), or mock://<name> for an in-process mock backend. */
export function readUrl(fields: Fields, key: string): string | null {
  const value = fields.string(key);
  if (value === undefined) return null;
  try {
    const url = new URL(value);
    if (url.protocol === 'http:' || url.protocol === 'https:' || url.protocol === 'mock:') return value;
  } catch {
    // reported below
  }
  fields.fail(key, `expected an absolute http(s):// or mock:// URL, found '${value}'`);
  return null;
}
