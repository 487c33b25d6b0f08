// What mock-response answers with (spec §3.10, T33): from the operation's documented responses, the one for the
// status code and the content type (the first documented one when the policy names none), its example, else a
// sample made from its schema, else no content. Each answer is made once per (operation, status, content type).
// [INFERRED] a status without its own entry falls back to its range ("2XX") and then to "default", as OpenAPI
// reads them.
import type { DocumentedContent, OperationResponses } from '../../context/operation-responses.ts';
import { sampleOf } from './schema-sample.ts';

export interface MockContent {
  /** The Content-Type to send: the policy's, or the documented one chosen; null when neither. */
  contentType: string | null;
  body: string;
}

const made = new WeakMap<OperationResponses, Map<string, MockContent>>();

export function mockContent(responses: OperationResponses | null, status: number, contentType: string | null): MockContent {
  if (responses === null) return { contentType, body: '' };
  let byKey = made.get(responses);
  if (!byKey) made.set(responses, (byKey = new Map()));
  const key = `${status}\u0000${contentType ?? ''}`;
  let content = byKey.get(key);
  if (!content) byKey.set(key, (content = make(responses, status, contentType)));
  return content;
}

function make(responses: OperationResponses, status: number, contentType: string | null): MockContent {
  const documented = responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses['default'];
  const entries = Object.entries(documented?.content ?? {});
  const wanted = contentType === null ? null : mediaType(contentType);
  const chosen = wanted === null ? entries[0] : entries.find(([type]) => mediaType(type) === wanted);
  if (!chosen) return { contentType, body: '' };
  const [type, content] = chosen;
  const value = exampleOf(content);
  return { contentType: contentType ?? type, body: value === undefined ? '' : render(value, wanted ?? mediaType(type)) };
}

function exampleOf(content: DocumentedContent): unknown {
  if (content.example !== undefined) return content.example;
  for (const example of Object.values(content.examples ?? {})) if (example?.value !== undefined) return example.value;
  return content.schema === undefined ? undefined : sampleOf(content.schema);
}

function render(value: unknown, type: string): string {
  if (typeof value === 'string' && !isJson(type)) return value;
  if (isXml(type)) return toXml('root', value);
  return JSON.stringify(value);
}

/** The media type without parameters, lower-cased: `application/json; charset=utf-8` → `application/json`. */
function mediaType(text: string): string {
  return text.split(';')[0]!.trim().toLowerCase();
}

function isJson(type: string): boolean {
  return type === 'application/json' || type === 'text/json' || type.endsWith('+json');
}

function isXml(type: string): boolean {
  return type === 'application/xml' || type === 'text/xml' || type.endsWith('+xml');
}

/** A sample value as XML: objects become elements per property, arrays repeat their element, scalars are text. */
function toXml(key: string, value: unknown): string {
  const name = xmlName(key);
  if (Array.isArray(value)) return value.map((item) => toXml(name, item)).join('');
  if (value !== null && typeof value === 'object') {
    return `<${name}>${Object.entries(value).map(([key, item]) => toXml(key, item)).join('')}</${name}>`;
  }
  return value === null ? `<${name} />` : `<${name}>${escapeXml(String(value))}</${name}>`;
}

/** A property name as an XML element name: characters XML names cannot hold become '_'. */
function xmlName(key: string): string {
  const name = key.replace(/[^A-Za-z0-9_.-]/g, '_');
  return /^[A-Za-z_]/.test(name) ? name : `_${name}`;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
