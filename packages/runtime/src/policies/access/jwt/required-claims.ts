// <required-claims><claim name match separator><value>… (spec §3.11): every named claim must be present; with values,
// match="all" (default) needs each value among the claim's values, match="any" at least one. A separator splits a
// string claim ("read write") into values first. name, match and separator may be policy expressions (the docs do
// not forbid them): literals are read once here, expressions per request.
import type { ChildElementNode, PolicyNode } from '@apimx/parser';
import type { RequestContext } from '../../../context/request-context.ts';
import type { BuildContext, Getter } from '../../types.ts';
import { fail } from './jwt-failure.ts';
import { claimValues } from './jwt-token.ts';

export interface ClaimRule {
  name: Getter<string>;
  any: Getter<boolean>;
  separator: Getter<string | undefined>;
  values: readonly Getter<string | null>[];
}

export function readClaimRules(build: BuildContext, node: PolicyNode): ClaimRule[] {
  const wrapper: ChildElementNode | undefined = build.elements(node, 'required-claims')[0];
  if (!wrapper) return [];
  return build.elements(wrapper, 'claim').map((claim) => {
    const name = build.string(claim, 'name');
    const match = build.string(claim, 'match');
    const separator = build.string(claim, 'separator');
    return {
      name: (ctx) => name(ctx) ?? '',
      any: (ctx) => isAny(match(ctx)),
      separator: (ctx) => separator(ctx) || undefined,
      values: build.elements(claim, 'value').map((value) => build.text(value)),
    };
  });
}

/** match is all (default) or any, compared case-insensitively; anything else from an expression is an error. */
function isAny(match: string | null): boolean {
  const word = (match ?? 'all').trim().toLowerCase();
  if (word === 'any') return true;
  if (word === 'all') return false;
  throw new Error(`required-claims: claim match must be "all" or "any", not "${match}"`);
}

export function checkClaims(ctx: RequestContext, rules: readonly ClaimRule[], payload: Record<string, unknown>): void {
  if (rules.length === 0) return;
  const names = rules.map((rule) => rule.name(ctx));
  const missing = names.filter((name) => payload[name] === undefined || payload[name] === null);
  if (missing.length > 0) fail('TokenClaimNotFound', `JWT is missing the following claims: ${missing.join(', ')}.`);
  rules.forEach((rule, index) => {
    if (rule.values.length === 0) return;
    const name = names[index]!;
    const separator = rule.separator(ctx);
    const present = claimValues(payload[name], separator);
    const wanted = rule.values.map((value) => value(ctx) ?? '');
    const ok = rule.any(ctx) ? wanted.some((value) => present.includes(value)) : wanted.every((value) => present.includes(value));
    if (!ok) fail('TokenClaimValueNotAllowed', `Claim ${name} value of ${present.join(separator ?? ',')} is not allowed.`);
  });
}
