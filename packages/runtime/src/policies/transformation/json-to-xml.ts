// json-to-xml (spec §3.9, T47): converts the request body (inbound) or the response body (outbound, on-error)
// from JSON to XML (xml-json/json-to-xml-value.ts for the shape), when apply and consider-accept-header say so.
// [UNCONFIRMED] an empty body is left as it is; a body that is not JSON is an error of the policy (500).
import type { RequestContext } from '../../context/request-context.ts';
import type { Step } from '../../pipeline/step.ts';
import type { PolicyImplementation } from '../types.ts';
import { bodyText, oneOf, shouldConvert, writeConverted } from './body-conversion.ts';
import { bufferTarget } from './body-target.ts';
import { declareReads } from './expression-reads.ts';
import { jsonToXml } from './xml-json/json-to-xml-value.ts';

export const jsonToXmlPolicy: PolicyImplementation = {
  name: 'json-to-xml',
  build(node, build): Step {
    const apply = build.string(node, 'apply');
    const considerAccept = build.bool(node, 'consider-accept-header');
    const parseDate = node.attributes['parse-date']?.value !== false;
    const separator = build.string(node, 'namespace-separator');
    const prefix = build.string(node, 'namespace-prefix');
    const attributeBlock = build.string(node, 'attribute-block-name');
    const convert = (ctx: RequestContext): void => {
      const always = oneOf(apply(ctx), ['always', 'content-type-json'], 'json-to-xml apply') === 'always';
      if (!shouldConvert(ctx, always, considerAccept(ctx) !== false, 'json', 'xml')) return;
      const text = bodyText(ctx);
      if (text === null) return;
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (error) {
        throw new Error(`json-to-xml: the body is not JSON: ${(error as Error).message}`);
      }
      const xml = jsonToXml(json as Parameters<typeof jsonToXml>[0], {
        parseDate,
        namespaceSeparator: separator(ctx) ?? '_',
        namespacePrefix: prefix(ctx) || null,
        attributeBlockName: attributeBlock(ctx) || null,
      });
      writeConverted(ctx, xml, 'application/xml');
    };
    return declareReads(node, {
      run(ctx) {
        const pending = bufferTarget(ctx);
        return pending ? pending.then(() => convert(ctx)) : convert(ctx);
      },
    });
  },
};
