// check-header (spec §3.11, §5.1): the request must carry the header, and one of the listed values when any are
// listed. The caller gets failed-check-httpcode with failed-check-error-message in APIM's JSON error body
// ([INFERRED] shape); context.LastError gets the documented reason and message.
// A header sent several times (or comma-joined) passes when any one of its values is allowed.
import { errorBody, PolicyFault } from '../../pipeline/fault.ts';
import type { PolicyImplementation } from '../types.ts';

export const checkHeaderPolicy: PolicyImplementation = {
  name: 'check-header',
  build(node, build) {
    const name = build.string(node, 'name');
    const status = build.number(node, 'failed-check-httpcode');
    const errorMessage = build.string(node, 'failed-check-error-message');
    const ignoreCase = build.bool(node, 'ignore-case');
    const values = build.elements(node, 'value').map((element) => build.text(element));

    function fail(ctx: Parameters<typeof name>[0], reason: string, message: string): PolicyFault {
      const code = status(ctx) ?? 401;
      return new PolicyFault(node.element, reason, message, { status: code, body: errorBody(code, errorMessage(ctx) ?? message) });
    }

    return {
      run(ctx) {
        const header = name(ctx) ?? '';
        const present = ctx.Request.Headers.get(header);
        if (!present) throw fail(ctx, 'HeaderNotFound', `Header ${header} was not found in the request. Access denied.`);
        if (values.length === 0) return;
        const fold = ignoreCase(ctx) === true;
        const allowed = values.map((value) => normalise(value(ctx) ?? '', fold));
        for (const sent of present) {
          if (allowed.includes(normalise(sent, fold))) return;
          for (const part of sent.split(',')) if (allowed.includes(normalise(part.trim(), fold))) return;
        }
        throw fail(ctx, 'HeaderValueNotAllowed', `Header ${header} value of ${present.join(',')} is not allowed. Access denied.`);
      },
    };
  },
};

function normalise(value: string, fold: boolean): string {
  return fold ? value.toLowerCase() : value;
}
