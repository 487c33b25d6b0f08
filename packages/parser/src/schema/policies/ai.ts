// AI gateway policies (spec §3.1–3.4). Each llm-* policy and its azure-openai-* twin are one engine, so one
// declaration with the other name as an alias.
import type { ChildElementSchema, ElementRule, PolicySchema } from '../types.ts';
import { bool, int, num, oneOf, str, textChild } from './build.ts';

// 2025-11 and later revisions: a rate limit, a quota, or both (spec §3.1 "Requirement rule").
const rateOrQuota: ElementRule = {
  description: "a rate limit ('tokens-per-minute'), a quota ('token-quota' with 'token-quota-period'), or both",
  check(present) {
    const quota = present.has('token-quota');
    const period = present.has('token-quota-period');
    if (quota && !period) return "'token-quota' requires 'token-quota-period'";
    if (period && !quota) return "'token-quota-period' requires 'token-quota'";
    if (!quota && !present.has('tokens-per-minute')) {
      return "a rate limit ('tokens-per-minute'), a quota ('token-quota' with 'token-quota-period'), or both is required";
    }
    return undefined;
  },
};

const tokenLimit: PolicySchema = {
  name: 'llm-token-limit',
  aliases: ['azure-openai-token-limit'],
  sections: ['inbound'],
  spec: '3.1',
  summary: 'Limits LLM tokens per key: per minute (429) and/or per quota period (403).',
  attributes: {
    'counter-key': str({ required: true, doc: 'Counter identity; one counter per key value.' }),
    'tokens-per-minute': int({ min: 0, doc: 'Max prompt+completion tokens per minute.' }),
    'token-quota': int({ min: 0, doc: "Max tokens per 'token-quota-period'." }),
    'token-quota-period': oneOf(['Hourly', 'Daily', 'Weekly', 'Monthly', 'Yearly'], { doc: 'Fixed quota window.' }),
    'estimate-prompt-tokens': bool({ required: true, doc: 'Estimate prompt tokens before forwarding.' }),
    'retry-after-header-name': str({ expr: false, default: 'Retry-After' }),
    'retry-after-variable-name': str({ expr: false }),
    'remaining-quota-tokens-header-name': str({ expr: false }),
    'remaining-quota-tokens-variable-name': str({ expr: false }),
    'remaining-tokens-header-name': str({ expr: false }),
    'remaining-tokens-variable-name': str({ expr: false }),
    'tokens-consumed-header-name': str({ expr: false }),
    // The docs are silent on expressions here (spec §3.1 "—"), so APIM's default applies: allowed.
    'tokens-consumed-variable-name': str(),
  },
  rules: [rateOrQuota],
};

const dimension: ChildElementSchema = {
  attributes: {
    name: str({ required: true, doc: 'Dimension name; a default name (API ID, Subscription ID...) may omit value.' }),
    value: str({ doc: 'Dimension value; filled by the gateway for default dimension names.' }),
  },
  text: 'none',
  // "one or more" (spec §3.2). Azure Monitor caps a metric at 10 dimension keys; the llm page's newer
  // 5-custom-dimension limit counts only custom names, which a schema cannot tell apart, so the cap is 10.
  min: 1,
  max: 10,
};

const emitTokenMetric: PolicySchema = {
  name: 'llm-emit-token-metric',
  aliases: ['azure-openai-emit-token-metric'],
  sections: ['inbound'],
  spec: '3.2',
  summary: 'Emits Total/Prompt/Completion token metrics with custom dimensions.',
  attributes: {
    namespace: str({ expr: false, default: 'API Management', doc: 'Metric namespace.' }),
    // Listed only on the azure-openai page (copied from emit-metric, spec §3.2); accepted, ignored at run time.
    value: num({ default: 1, doc: 'Listed by the azure-openai page; has no effect.' }),
  },
  elements: { dimension },
  text: 'none',
};

const semanticCacheLookup: PolicySchema = {
  name: 'llm-semantic-cache-lookup',
  aliases: ['azure-openai-semantic-cache-lookup'],
  sections: ['inbound'],
  oncePerSection: true,
  spec: '3.3',
  summary: 'Returns a cached LLM response for a semantically similar prompt.',
  attributes: {
    // Literal only: the toolkit's docstring, which copies the docs' wording, says "Policy expressions aren't allowed".
    'score-threshold': num({
      required: true,
      expr: false,
      min: 0,
      max: 1,
      doc: 'Max vector distance for a hit (lower = stricter).',
    }),
    'embeddings-backend-id': str({ required: true, doc: 'Backend entity of the embeddings API.' }),
    'embeddings-backend-auth': oneOf(['system-assigned'], { required: true }),
    'ignore-system-messages': bool({ default: false, doc: 'Drop system messages before comparing prompts.' }),
    'max-message-count': int({ min: 0, doc: 'Skip caching above this many dialog messages.' }),
  },
  elements: { 'vary-by': textChild() },
  text: 'none',
};

const semanticCacheStore: PolicySchema = {
  name: 'llm-semantic-cache-store',
  aliases: ['azure-openai-semantic-cache-store'],
  sections: ['outbound'],
  oncePerSection: true,
  spec: '3.3',
  summary: 'Stores the LLM response for later semantic cache lookups.',
  attributes: {
    duration: int({ required: true, min: 0, doc: 'Entry lifetime in seconds.' }),
    'cache-response': bool({ default: false, doc: 'Cache whatever the status (else 200 OK only).' }),
  },
  text: 'none',
};

const category: ChildElementSchema = {
  attributes: {
    name: oneOf(['Hate', 'SelfHarm', 'Sexual', 'Violence'], { required: true }),
    threshold: int({ required: true, min: 0, max: 7, doc: 'Severity at or above which content is blocked.' }),
  },
  text: 'none',
};

const contentSafety: PolicySchema = {
  name: 'llm-content-safety',
  sections: ['inbound', 'outbound'],
  spec: '3.4',
  summary: 'Checks prompts (and completions) with Azure AI Content Safety; blocks with 403.',
  attributes: {
    'backend-id': str({ required: true, doc: 'Content Safety backend entity.' }),
    'shield-prompt': bool({ default: false, doc: 'Also run Prompt Shields.' }),
    'enforce-on-completions': bool({ default: false, doc: 'Also check the completion (inbound only).' }),
    'window-size': int({ min: 1, doc: 'Characters per Content Safety call (responses).' }),
    'window-overlap-size': int({ min: 0, doc: 'Overlap between windows.' }),
  },
  elements: {
    categories: {
      attributes: {
        'output-type': oneOf(['FourSeverityLevels', 'EightSeverityLevels'], { default: 'FourSeverityLevels' }),
      },
      elements: { category },
      text: 'none',
      max: 1,
    },
    blocklists: { attributes: {}, elements: { id: textChild() }, text: 'none', max: 1 },
  },
  text: 'none',
};

export const AI_POLICIES: readonly PolicySchema[] = [
  tokenLimit,
  emitTokenMetric,
  semanticCacheLookup,
  semanticCacheStore,
  contentSafety,
];
