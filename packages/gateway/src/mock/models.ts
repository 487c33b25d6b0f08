// GET …/models and …/models/{id}: OpenAI's model list objects.
import { errorBody } from './errors.ts';
import { sendJson } from './http-io.ts';
import type { OpContext } from './op-context.ts';

const CREATED = 1_715_367_049; // a fixed date: the list is the same on every run

export function listModels(ctx: OpContext): void {
  const data = ctx.options.models.map((id) => modelObject(id));
  sendJson(ctx.res, 200, { object: 'list', data });
}

export function getModel(ctx: OpContext): void {
  const id = ctx.route.modelId ?? '';
  if (!ctx.options.models.includes(id)) {
    sendJson(ctx.res, 404, errorBody(`The model '${id}' does not exist`, 'invalid_request_error', 'model_not_found', 'model'));
    return;
  }
  sendJson(ctx.res, 200, modelObject(id));
}

function modelObject(id: string) {
  return { id, object: 'model', created: CREATED, owned_by: 'apimx-mock' };
}
