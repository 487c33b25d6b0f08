// xml-to-json (spec §3.9, T24, T48): converts the request body (inbound) or the response body (outbound, on-error)
// from XML to JSON (xml-json/xml-to-json-value.ts for the shapes), when apply and consider-accept-header say so.
// [UNCONFIRMED] an empty body is left as it is (nothing to convert); a body that is not XML is an error of the
// policy (500 with APIM's body, LastError Source xml-to-json).
import type { RequestContext } from '../../context/request-context.ts';
import type { Step } from '../../pipeline/step.ts';
import type { PolicyImplementation } from '../types.ts';
import { bodyText, oneOf, shouldConvert, writeConverted } from './body-conversion.ts';
import { bufferTarget } from './body-target.ts';
import { declareReads } from './expression-reads.ts';
import { xmlToJson } from './xml-json/xml-to-json-value.ts';
import { readXmlTree } from './xml-json/xml-tree.ts';

export const xmlToJsonPolicy: PolicyImplementation = {
  name: 'xml-to-json',
  build(node, build): Step {
    const kind = build.string(node, 'kind');
    const apply = build.string(node, 'apply');
    const considerAccept = build.bool(node, 'consider-accept-header');
    const alwaysArray = build.bool(node, 'always-array-child-elements');
    const convert = (ctx: RequestContext): void => {
      const always = oneOf(apply(ctx), ['always', 'content-type-xml'], 'xml-to-json apply') === 'always';
      const shape = oneOf(kind(ctx), ['direct', 'javascript-friendly'], 'xml-to-json kind');
      if (!shouldConvert(ctx, always, considerAccept(ctx) !== false, 'xml', 'json')) return;
      const text = bodyText(ctx);
      if (text === null) return;
      const json = xmlToJson(readXmlTree(text), { kind: shape, alwaysArrayChildElements: alwaysArray(ctx) === true });
      writeConverted(ctx, JSON.stringify(json), 'application/json');
    };
    return declareReads(node, {
      run(ctx) {
        const pending = bufferTarget(ctx);
        return pending ? pending.then(() => convert(ctx)) : convert(ctx);
      },
    });
  },
};
