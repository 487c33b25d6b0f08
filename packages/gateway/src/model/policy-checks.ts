// What APIM refuses when a policy is saved, and that needs the configuration or the scope to see: a policy at a
// scope it is not allowed at (spec §1.5; fragments are checked at the scope that includes them), and a
// log-to-eventhub whose logger-id names no azureEventHub logger. Each problem is `file:line:col: message`.
import type { ContentNode, FragmentDocument, PoliciesDocument, PolicyNode } from '@apimx/parser';
import type { ScopeName } from '@apimx/runtime';
import type { LoggerConfig } from '../config/config-types.ts';

/**
 * Policies that APIM allows at some scopes only (spec §1.5); every other policy is allowed at every scope.
 * rate-limit and quota count per subscription: rate-limit is product, API and operation only, quota product only.
 * llm-content-safety: the newest reference (2026-03) lists global, workspace, product and API, not operation (the
 * 2025-02 one did); the newest is followed.
 */
const ALLOWED_SCOPES: Readonly<Record<string, readonly ScopeName[]>> = {
  'rate-limit': ['product', 'api', 'operation'],
  quota: ['product'],
  'llm-content-safety': ['global', 'workspace', 'product', 'api'],
};

const SCOPE_WORDS: Record<ScopeName, string> = { global: 'global', workspace: 'workspace', product: 'product', api: 'API', operation: 'operation' };

export class PolicyChecks {
  private readonly problems = new Set<string>();

  constructor(
    private readonly loggers: ReadonlyMap<string, LoggerConfig>,
    private readonly fragments: ReadonlyMap<string, FragmentDocument>,
  ) {}

  /** A <policies> document at its scope, the fragments it includes at that scope too. */
  document(scope: ScopeName, document: PoliciesDocument): void {
    for (const section of document.sections) {
      for (const child of section.children) if (child.kind === 'policy') this.policy(child, scope, document.file, null);
    }
  }

  /** A fragment's own problems (those that do not depend on where it is included). */
  fragment(fragment: FragmentDocument): void {
    for (const policy of fragment.policies) this.policy(policy, null, fragment.file, null);
  }

  found(): string[] {
    return [...this.problems];
  }

  /** `scope` null: a fragment checked on its own; `includedAt`: the include-fragment a fragment's policy came from. */
  private policy(node: PolicyNode, scope: ScopeName | null, file: string, includedAt: string | null): void {
    const at = `${file}:${node.pos.line}:${node.pos.column}`;
    const via = includedAt ? ` (included at ${includedAt})` : '';
    const allowed = ALLOWED_SCOPES[node.name];
    if (scope !== null && allowed && !allowed.includes(scope)) {
      const list = allowed.map((s) => SCOPE_WORDS[s]);
      const words = list.length === 1 ? list[0] : `${list.slice(0, -1).join(', ')} and ${list.at(-1)}`;
      this.problems.add(`${at}: <${node.element}> is not allowed at ${SCOPE_WORDS[scope]} scope${via}; APIM allows it at ${words} scope only`);
    }
    // A fragment's logger-ids are checked once, on the fragment itself.
    if (node.name === 'log-to-eventhub' && includedAt === null) this.loggerId(node, file);
    if (node.name === 'include-fragment' && scope !== null) {
      const id = node.attributes['fragment-id']?.value;
      const fragment = typeof id === 'string' ? this.fragments.get(id) : undefined;
      // An unknown fragment is the runtime's error when it composes the scopes.
      for (const policy of fragment?.policies ?? []) this.policy(policy, scope, fragment!.file, includedAt ?? at);
    }
    for (const child of node.children) this.nested(child, scope, file, includedAt);
  }

  private nested(node: ContentNode, scope: ScopeName | null, file: string, includedAt: string | null): void {
    if (node.kind === 'policy') this.policy(node, scope, file, includedAt);
    else if (node.kind === 'element') for (const child of node.children) this.nested(child, scope, file, includedAt);
  }

  private loggerId(node: PolicyNode, file: string): void {
    const attribute = node.attributes['logger-id'];
    const id = attribute?.value;
    if (typeof id !== 'string') return;
    const at = `${file}:${attribute!.pos.line}:${attribute!.pos.column}`;
    const logger = this.loggers.get(id);
    const known = [...this.loggers.values()].filter((l) => l.loggerType === 'azureEventHub').map((l) => `'${l.id}'`);
    const hint = known.length > 0 ? `configured azureEventHub loggers: ${known.join(', ')}` : 'no azureEventHub logger is configured under $.loggers';
    if (!logger) this.problems.add(`${at}: logger-id '${id}' names no logger (${hint})`);
    else if (logger.loggerType !== 'azureEventHub') this.problems.add(`${at}: logger '${id}' is an ${logger.loggerType} logger; log-to-eventhub needs an azureEventHub logger`);
  }
}
