// Read the configuration file (YAML or JSON, by extension; YAML is a superset of JSON so either parses).
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { ConfigError } from './config-error.ts';
import type { GatewayConfig } from './config-types.ts';
import { readConfig } from './read-config.ts';

export async function loadConfig(path: string, env: Readonly<Record<string, string | undefined>> = process.env): Promise<GatewayConfig> {
  const file = resolve(path);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ConfigError(file, [{ path: '$', message: `cannot read the configuration: ${(error as Error).message}` }]);
  }
  let document: unknown;
  try {
    document = file.endsWith('.json') ? JSON.parse(text) : parse(text);
  } catch (error) {
    throw new ConfigError(file, [{ path: '$', message: `not valid ${file.endsWith('.json') ? 'JSON' : 'YAML'}: ${(error as Error).message}` }]);
  }
  return readConfig(document, file, env);
}
