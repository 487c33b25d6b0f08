// llm-emit-token-metric / azure-openai-emit-token-metric (spec §3.2): Total, Prompt and Completion Tokens (and
// Cached / Reasoning Tokens when the response reports them) in `namespace`, once the usage is known: from a JSON
// response's usage, or at the end of a stream (its usage chunk, else estimated from the prompt and the deltas).
import { isExpression, PolicyError } from '@apimx/parser';
import type { RequestContext } from '../../context/request-context.ts';
import { recordTokenUsage } from '../../metrics/token-usage.ts';
import type { MetricsSink } from '../../metrics/sink.ts';
import type { StreamUsageReport, TokenUsage } from '../../tokens/index.ts';
import { literal } from '../limits/policy-instance.ts';
import { DEFAULT_DIMENSION_NAMES, defaultDimension } from '../logging/default-dimensions.ts';
import type { Getter, PolicyImplementation } from '../types.ts';
import { requestTokens } from './request-tokens.ts';
import { watchUsage, type UsageListener } from './usage-watch.ts';

interface Dimension {
  name: Getter<string | null>;
  value: Getter<string | null>;
}

// Custom (non-default) dimensions allowed: the llm page (rev 2026-05, the newest) says 5, the azure-openai page
// (rev 2024-07) and the custom-metrics include say 10. Each name keeps the limit its own page states.
const MAX_CUSTOM_LLM = 5;
const MAX_CUSTOM_AZURE_OPENAI = 10;

const DEFAULT_NAMES = new Set([...DEFAULT_DIMENSION_NAMES, 'Backend ID'].map((n) => n.toLowerCase()));

export const llmEmitTokenMetric: PolicyImplementation = {
  name: 'llm-emit-token-metric',
  build(node, build) {
    const namespace = literal(node, 'namespace') ?? 'API Management';
    const elements = build.elements(node, 'dimension');
    const custom = elements.filter((e) => e.attributes['value'] !== undefined && !DEFAULT_NAMES.has(String(e.attributes['name']!.value).trim().toLowerCase()));
    const max = node.element.startsWith('azure-openai') ? MAX_CUSTOM_AZURE_OPENAI : MAX_CUSTOM_LLM;
    if (custom.length > max) {
      throw new PolicyError(build.file, node.pos, `${node.element}: at most ${max} custom dimensions are allowed, found ${custom.length}`);
    }
    const dimensions: Dimension[] = elements.map((element) => {
      const name = build.string(element, 'name');
      if (element.attributes['value']) return { name, value: build.string(element, 'value') };
      const written = element.attributes['name']!.value;
      if (isExpression(written)) return { name, value: (ctx) => defaultValue(node.element, name(ctx) ?? '', ctx) };
      const fill = defaultDimension(String(written), { backendId: true });
      if (!fill) throw new PolicyError(build.file, element.pos, noValue(node.element, String(written)));
      return { name, value: fill };
    });
    const metrics = build.services.metrics;

    const emitter = new TokenMetricEmitter(metrics, namespace, dimensions);

    return {
      // The prompt estimate of a stream without a usage chunk needs the request body.
      readsRequestBody: true,
      run(ctx) {
        if (!metrics) return;
        requestTokens(ctx);
        watchUsage(ctx, new EmitOnUsage(emitter));
      },
    };
  },
};

/** One policy's metrics: dimensions read once the response is known, so that Backend ID is the backend that answered. */
class TokenMetricEmitter {
  constructor(
    private readonly metrics: MetricsSink | undefined,
    private readonly namespace: string,
    private readonly dimensions: readonly Dimension[],
  ) {}

  // The previous request's dimensions: most requests repeat them (same subscription, API, deployment), and
  // handing the sinks the same object lets them skip finding its series again.
  private lastPairs: string[] = [];
  private lastDimensions: Readonly<Record<string, string>> | undefined;
  private readonly pairs: string[] = [];

  /** Names and values in order; an unchanged set is the previous (frozen) object. */
  dimensionsOf(ctx: RequestContext): Readonly<Record<string, string>> {
    const pairs = this.pairs;
    pairs.length = 0;
    for (const dimension of this.dimensions) {
      const name = dimension.name(ctx);
      if (name) pairs.push(name, dimension.value(ctx) ?? '');
    }
    const last = this.lastPairs;
    if (this.lastDimensions !== undefined && sameStrings(pairs, last)) return this.lastDimensions;
    const recorded: Record<string, string> = {};
    for (let i = 0; i < pairs.length; i += 2) recorded[pairs[i]!] = pairs[i + 1]!;
    this.lastPairs = pairs.slice();
    this.lastDimensions = Object.freeze(recorded);
    return this.lastDimensions;
  }

  emit(ctx: RequestContext, usage: TokenUsage, dimensions: Readonly<Record<string, string>>): void {
    recordTokenUsage(this.metrics!, {
      namespace: this.namespace,
      dimensions,
      prompt: usage.promptTokens,
      completion: usage.completionTokens,
      total: usage.totalTokens,
      cached: usage.cachedTokens,
      reasoning: usage.reasoningTokens,
      timestamp: ctx.services.clock.now(),
    });
  }
}

/** One request's listener (a class: no closures per request). */
class EmitOnUsage implements UsageListener {
  private streamDimensions: Readonly<Record<string, string>> | null = null;

  constructor(private readonly emitter: TokenMetricEmitter) {}

  response(done: RequestContext, usage: TokenUsage | null | 'stream'): void {
    if (usage === 'stream') this.streamDimensions = this.emitter.dimensionsOf(done);
    else if (usage !== null) this.emitter.emit(done, usage, this.emitter.dimensionsOf(done));
  }

  streamEnded(done: RequestContext, report: StreamUsageReport): void {
    this.emitter.emit(done, report.usage, this.streamDimensions ?? this.emitter.dimensionsOf(done));
  }
}

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function defaultValue(policy: string, name: string, ctx: RequestContext): string {
  const fill = defaultDimension(name, { backendId: true });
  if (!fill) throw new TypeError(noValue(policy, name));
  return fill(ctx);
}

function noValue(policy: string, name: string): string {
  return `${policy} dimension "${name}" has no value and is not a default dimension (${[...DEFAULT_DIMENSION_NAMES, 'Backend ID'].join(', ')})`;
}
