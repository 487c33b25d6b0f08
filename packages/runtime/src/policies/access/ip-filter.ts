// ip-filter (spec §3.11, §5.1): allow only, or forbid, the listed addresses and inclusive ranges (IPv4 and IPv6).
// A refused caller gets 403 ([UNCONFIRMED] in the docs; widely observed) with CallerIpNotAllowed (allow list) or
// CallerIpBlocked (forbid list); an unparsable caller address is FailedToParseCallerIP.
import { PolicyError } from '@apimx/parser';
import type { RequestContext } from '../../context/request-context.ts';
import { errorBody, PolicyFault } from '../../pipeline/fault.ts';
import type { Getter, PolicyImplementation } from '../types.ts';
import { parseIp, type IpAddress } from './ip-address.ts';

interface Range {
  from: IpAddress;
  to: IpAddress;
}

export const ipFilterPolicy: PolicyImplementation = {
  name: 'ip-filter',
  build(node, build) {
    const action = build.string(node, 'action');
    const addresses: Getter<string | null>[] = build.elements(node, 'address').map((element) => build.text(element));
    const ranges: Range[] = build.elements(node, 'address-range').map((element) => {
      const literal = (name: string): string => {
        const value = element.attributes[name]?.value;
        if (typeof value === 'object') throw new PolicyError(build.file, element.pos, `ip-filter: address-range ${name} must be a literal address`);
        return String(value ?? '');
      };
      const from = parseIp(literal('from'));
      const to = parseIp(literal('to'));
      if (!from || !to || from.family !== to.family) throw new PolicyError(build.file, element.pos, 'ip-filter: address-range needs two IP addresses of the same family');
      return { from, to };
    });

    function listed(ctx: RequestContext, caller: IpAddress): boolean {
      for (const address of addresses) {
        const parsed = parseIp(address(ctx) ?? '');
        if (parsed && parsed.family === caller.family && parsed.value === caller.value) return true;
      }
      for (const { from, to } of ranges) {
        if (from.family === caller.family && caller.value >= from.value && caller.value <= to.value) return true;
      }
      return false;
    }

    return {
      run(ctx) {
        const caller = parseIp(ctx.Request.IpAddress);
        if (!caller) throw forbidden(node.element, 'FailedToParseCallerIP', 'Failed to establish IP address for the caller. Access denied.');
        const allow = (action(ctx) ?? 'allow').toLowerCase() === 'allow';
        const inList = listed(ctx, caller);
        if (allow && !inList) throw forbidden(node.element, 'CallerIpNotAllowed', `Caller IP address ${ctx.Request.IpAddress} is not allowed. Access denied.`);
        if (!allow && inList) throw forbidden(node.element, 'CallerIpBlocked', 'Caller IP address is blocked. Access denied.');
      },
    };
  },
};

function forbidden(source: string, reason: string, message: string): PolicyFault {
  return new PolicyFault(source, reason, message, { status: 403, reason: 'Forbidden', body: errorBody(403, message) });
}
