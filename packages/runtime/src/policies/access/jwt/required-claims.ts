// <required-claims><claim name match separator><value>… (spec §3.11): every named claim must be present; with values,
// match="all" (default) needs each value among the claim's values, match="any" at least one. A separator splits a
// string claim ("read write") into values first.
import type { ChildElementNode, PolicyNode } from '@apimx/parser';
import type { RequestContext } from '../../../context/request-context.ts';
import type { BuildContext, Getter } from '../../types.ts';
import { fail } from './jwt-failure.ts';
import { claimValues } from './jwt-token.ts';

export interface ClaimRule {
  name: string;
  any: boolean;
  separator: string | undefined;
  values: readonly Getter<string | null>[];
}

export function readClaimRules(build: BuildContext, node: PolicyNode): ClaimRule[] {
  const wrapper: ChildElementNode | undefined = build.elements(node, 'required-claims')[0];
  if (!wrapper) return [];
  return build.elements(wrapper, 'claim').map((claim) => {
    const separator = claim.attributes['separator']?.value;
    return {
      name: String(claim.attributes['name']?.value ?? ''),
      any: String(claim.attributes['match']?.value ?? 'all').toLowerCase() === 'any',
      separator: typeof separator === 'string' && separator !== '' ? separator : undefined,
      values: build.elements(claim, 'value').map((value) => build.text(value)),
    };
  });
}

export function checkClaims(ctx: RequestContext, rules: readonly ClaimRule[], payload: Record<string, unknown>): void {
  const missing = rules.filter((rule) => payload[rule.name] === undefined || payload[rule.name] === null).map((rule) => rule.name);
  if (missing.length > 0) fail('TokenClaimNotFound', `JWT is missing the following claims: ${missing.join(', ')}.`);
  for (const rule of rules) {
    if (rule.values.length === 0) continue;
    const present = claimValues(payload[rule.name], rule.separator);
    const wanted = rule.values.map((value) => value(ctx) ?? '');
    const ok = rule.any ? wanted.some((value) => present.includes(value)) : wanted.every((value) => present.includes(value));
    if (!ok) fail('TokenClaimValueNotAllowed', `Claim ${rule.name} value of ${present.join(rule.separator ?? ',')} is not allowed.`);
  }
}
