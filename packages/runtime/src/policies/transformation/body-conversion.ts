// What xml-to-json and json-to-xml share (spec §3.9): when to convert (apply="always" or only when the message's
// Content-Type is of the source kind; consider-accept-header: only when the request's Accept asks for the target
// kind), and writing the converted body with its new Content-Type. [TOOLKIT] a media type counts as JSON or XML
// when it is application/<kind>, text/<kind> or ends in +<kind>; Accept wildcards (*/*) do not ask for a kind;
// q=0 refuses it.
import type { HeaderMap } from '../../http/header-map.ts';
import type { RequestContext } from '../../context/request-context.ts';
import { replaceBody, targetBody } from './body-target.ts';
import { targetsResponse } from './message-target.ts';

export type BodyKind = 'json' | 'xml';

export function targetHeaders(ctx: RequestContext): HeaderMap {
  return targetsResponse(ctx) ? ctx.Response.Headers : ctx.Request.Headers;
}

export function isMediaType(mediaType: string, kind: BodyKind): boolean {
  const type = mediaType.split(';')[0]!.trim().toLowerCase();
  return !type.includes('*') && (type === `application/${kind}` || type === `text/${kind}` || type.endsWith(`+${kind}`));
}

/** Whether the body is to be converted from `source` to `target`. */
export function shouldConvert(ctx: RequestContext, applyAlways: boolean, considerAccept: boolean, source: BodyKind, target: BodyKind): boolean {
  if (!applyAlways && !isMediaType(targetHeaders(ctx).joined('Content-Type') ?? '', source)) return false;
  if (!considerAccept) return true;
  const accept = ctx.Request.Headers.joined('Accept') ?? '';
  return accept.split(',').some((entry) => {
    const [type, ...parameters] = entry.split(';');
    const quality = parameters.map((p) => p.trim().toLowerCase()).find((p) => p.startsWith('q='));
    return isMediaType(type ?? '', target) && (quality === undefined || Number(quality.slice(2)) > 0);
  });
}

/** The target body as text, or null when there is none (nothing to convert). */
export function bodyText(ctx: RequestContext): string | null {
  const body = targetBody(ctx);
  if (!body) return null;
  const text = Buffer.from(body.read(true)).toString('utf8');
  return text.trim() === '' ? null : text;
}

export function writeConverted(ctx: RequestContext, text: string, contentType: string): void {
  replaceBody(ctx, text);
  const headers = targetHeaders(ctx);
  headers.delete('Content-Length');
  headers.set('Content-Type', contentType);
}

/** An enum attribute's value (literal or from an expression), checked against its words. */
export function oneOf<T extends string>(value: string | null, words: readonly T[], what: string): T {
  const word = (value ?? '').trim().toLowerCase();
  const found = words.find((candidate) => candidate === word);
  if (found === undefined) throw new Error(`${what} must be ${words.map((w) => `"${w}"`).join(' or ')}, not "${value ?? ''}"`);
  return found;
}
