// `loggers:` (APIM logger entities). An ARM/Bicep logger's `properties` are taken as they are, bare or wrapped
// as `{ properties }`: loggerType, description, credentials, isBuffered, resourceId. apimx adds `sink`, where an
// azureEventHub logger's log-to-eventhub messages go locally: `stdout` (the default) or `{ file: path }`, one
// JSON object per line.
import { existsSync, statSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import type { LoggerConfig, LoggerSinkConfig } from './config-types.ts';
import { substituteDeep } from './named-values.ts';
import { Fields, describe, isPlain } from './reader.ts';

const LOGGER_TYPES = ['azureEventHub', 'applicationInsights', 'azureMonitor'] as const;
const ARM_FIELDS = ['loggerType', 'description', 'credentials', 'isBuffered', 'resourceId'];

export function readLoggers(root: Fields, baseDir: string, namedValues: ReadonlyMap<string, string>): Map<string, LoggerConfig> {
  const loggers = new Map<string, LoggerConfig>();
  for (const [id, raw, path] of root.entries('loggers')) {
    const outer = Fields.of(root.issues, path, raw);
    if (!outer) continue;
    const wrapped = isPlain(outer.value['properties']);
    const fields = wrapped ? Fields.of(root.issues, outer.at('properties'), outer.value['properties'])! : outer;
    if (wrapped) outer.only('properties', 'sink', 'name', 'type', 'id');
    fields.only(...ARM_FIELDS, ...(wrapped ? [] : ['sink']));
    if (!fields.has('loggerType')) {
      fields.fail('loggerType', `is required (one of ${LOGGER_TYPES.join(', ')})`);
      continue;
    }
    const loggerType = fields.oneOf('loggerType', LOGGER_TYPES, 'azureEventHub');
    const sink = readSink(outer, loggerType, baseDir);
    const properties = substituteDeep(fields.value, namedValues, fields.path, root.issues) as Record<string, unknown>;
    loggers.set(id, { id, loggerType, description: fields.string('description') ?? null, sink, properties });
  }
  return loggers;
}

function readSink(fields: Fields, loggerType: LoggerConfig['loggerType'], baseDir: string): LoggerSinkConfig | null {
  const raw = fields.value['sink'];
  if (loggerType !== 'azureEventHub') {
    // Only log-to-eventhub writes to a logger; the other kinds feed APIM's diagnostics, which apimx replaces
    // with its own metrics exporters.
    if (raw !== undefined) fields.fail('sink', `only an azureEventHub logger has a local sink (this one is ${loggerType})`);
    return null;
  }
  if (raw === undefined || raw === null || raw === 'stdout') return { kind: 'stdout' };
  const sink = isPlain(raw) ? new Fields(fields.issues, fields.at('sink'), raw) : undefined;
  if (!sink) {
    fields.fail('sink', `expected stdout or { file: <path> }, found ${describe(raw)}`);
    return { kind: 'stdout' };
  }
  sink.only('file');
  const given = sink.required('file');
  if (given === undefined) return { kind: 'stdout' };
  const file = isAbsolute(given) ? given : resolve(baseDir, given);
  if (!existsSync(dirname(file)) || !statSync(dirname(file)).isDirectory()) sink.fail('file', `directory not found: ${dirname(file)}`);
  else if (existsSync(file) && statSync(file).isDirectory()) sink.fail('file', `is a directory: ${file}`);
  return { kind: 'file', path: file };
}
