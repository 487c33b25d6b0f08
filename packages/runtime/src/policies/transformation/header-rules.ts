// How set-header writes values (spec §3.9): several values become one comma-separated value, except for
// headers whose values may hold commas or dates, which are sent as repeated header lines.
import type { HeaderMap } from '../../http/header-map.ts';
import type { ExistsAction } from './exists-action.ts';

const REPEATED_LINES: ReadonlySet<string> = new Set([
  'user-agent',
  'www-authenticate',
  'proxy-authenticate',
  'cookie',
  'set-cookie',
  'warning',
  'date',
  'expires',
  'if-modified-since',
  'if-unmodified-since',
  'last-modified',
  'retry-after',
]);

/** The gateway owns the framing headers; APIM ignores set-header on them (spec §3.9). */
const FRAMING: ReadonlySet<string> = new Set(['connection', 'content-length', 'keep-alive', 'transfer-encoding']);

export interface HeaderRule {
  repeatedLines: boolean;
  /** set-header cannot touch it at all. */
  frozen: boolean;
  /** set-header cannot delete it (Server). */
  undeletable: boolean;
}

export function headerRule(name: string): HeaderRule {
  const lower = name.toLowerCase();
  return { repeatedLines: REPEATED_LINES.has(lower), frozen: FRAMING.has(lower), undeletable: lower === 'server' };
}

/**
 * [UNCONFIRMED] APIM does not document what happens on a forbidden change; apimx ignores it silently, as the
 * gateway does for Server (the header stays as the gateway writes it).
 */
export function applyHeader(headers: HeaderMap, name: string, rule: HeaderRule, action: ExistsAction, values: readonly string[]): void {
  if (rule.frozen) return;
  switch (action) {
    case 'delete':
      if (!rule.undeletable) headers.delete(name);
      return;
    case 'skip':
      if (!headers.has(name)) headers.set(name, combine(rule, values));
      return;
    case 'override':
      headers.set(name, combine(rule, values));
      return;
    case 'append': {
      const existing = headers.get(name);
      headers.set(name, combine(rule, existing ? [...existing, ...values] : values));
      return;
    }
  }
}

/**
 * [UNCONFIRMED] override or append without any <value> leaves the header present with an empty value (APIM
 * documents <value> as optional and says nothing more); delete is how a header is removed.
 */
function combine(rule: HeaderRule, values: readonly string[]): string | readonly string[] {
  if (values.length === 0) return '';
  if (values.length === 1) return values[0]!;
  return rule.repeatedLines ? values : values.join(',');
}
