// rewrite-uri (spec §3.9, T28): the part of the backend URL after the service base becomes the template, with
// operation template parameters filled from context.Request.MatchedParameters. With copy-unmatched-params
// (default true), request query parameters that the operation template does not declare are kept.
import { isExpression } from '@apimx/parser';
import type { RequestContext } from '../../context/request-context.ts';
import type { Step } from '../../pipeline/step.ts';
import type { PolicyImplementation } from '../types.ts';
import { fill, parseUriTemplate, templateQueryKeys, type UriTemplate } from './uri-template.ts';
import { declareReads } from './expression-reads.ts';

export const rewriteUri: PolicyImplementation = {
  name: 'rewrite-uri',
  build(node, build): Step {
    const attribute = node.attributes['template']!;
    const text = build.string(node, 'template');
    const literal = isExpression(attribute.value) ? null : parseUriTemplate(String(attribute.value));
    const copyUnmatched = build.bool(node, 'copy-unmatched-params');
    return declareReads(node, {
      run(ctx: RequestContext) {
        const template = literal ?? parseUriTemplate(text(ctx) ?? '');
        rewrite(ctx, template, copyUnmatched(ctx) ?? true);
      },
    });
  },
};

function rewrite(ctx: RequestContext, template: UriTemplate, copyUnmatched: boolean): void {
  const url = ctx.Request.Url;
  const parameters = ctx.Request.MatchedParameters;
  const query = new Map<string, string[]>();
  for (const pair of template.query) {
    const key = fill(pair.key, parameters);
    const values = query.get(key);
    const value = fill(pair.value, parameters);
    if (values) values.push(value);
    else query.set(key, [value]);
  }
  if (copyUnmatched) {
    const declared = templateQueryKeys(ctx.Operation?.UrlTemplate);
    // [UNCONFIRMED] a parameter the new template sets is not copied again from the request.
    for (const [key, values] of url.Query) if (!declared.has(key) && !query.has(key)) query.set(key, [...values]);
  }
  ctx.backend.rewrite(url, fill(template.path, parameters));
  url.Query.clear();
  for (const [key, values] of query) url.Query.set(key, values);
}
