// GET /responses/{id}, DELETE /responses/{id} and GET /responses/{id}/input_items over the responses the mock
// stored, in OpenAI's shapes; an unknown id is OpenAI's 404.
import { errorBody } from './errors.ts';
import { sendJson } from './http-io.ts';
import type { OpContext } from './op-context.ts';
import type { StoredResponse } from './response-store.ts';

export function retrieveResponse(ctx: OpContext): void {
  const stored = find(ctx);
  if (stored) sendJson(ctx.res, 200, stored.response);
}

export function deleteResponse(ctx: OpContext): void {
  if (!find(ctx)) return;
  ctx.responses.delete(ctx.route.responseId!);
  sendJson(ctx.res, 200, { id: ctx.route.responseId, object: 'response', deleted: true });
}

/** A page of input items: `order` desc (OpenAI's default) or asc, `limit` 1..100 (20), `after`/`before` an item id. */
export function listInputItems(ctx: OpContext): void {
  const stored = find(ctx);
  if (!stored) return;
  const query = new URLSearchParams(ctx.route.query ?? '');
  const order = query.get('order') ?? 'desc';
  if (order !== 'asc' && order !== 'desc') return badParam(ctx, 'order', `Invalid value for 'order': expected 'asc' or 'desc', got '${order}'.`);
  const limitText = query.get('limit') ?? '20';
  const limit = Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) return badParam(ctx, 'limit', `Invalid 'limit': expected an integer from 1 to 100, got '${limitText}'.`);
  let items = order === 'asc' ? stored.inputItems : [...stored.inputItems].reverse();
  const after = query.get('after');
  const before = query.get('before');
  if (after !== null) items = items.slice(items.findIndex((item) => item['id'] === after) + 1);
  if (before !== null) {
    const end = items.findIndex((item) => item['id'] === before);
    if (end !== -1) items = items.slice(0, end);
  }
  const data = items.slice(0, limit);
  sendJson(ctx.res, 200, {
    object: 'list',
    data,
    first_id: data[0]?.['id'] ?? null,
    last_id: data.at(-1)?.['id'] ?? null,
    has_more: items.length > limit,
  });
}

function find(ctx: OpContext): StoredResponse | undefined {
  const id = ctx.route.responseId!;
  const stored = ctx.responses.get(id);
  if (!stored) sendJson(ctx.res, 404, errorBody(`Response with id '${id}' not found.`, 'invalid_request_error'));
  return stored;
}

function badParam(ctx: OpContext, param: string, message: string): void {
  sendJson(ctx.res, 400, errorBody(message, 'invalid_request_error', null, param));
}
