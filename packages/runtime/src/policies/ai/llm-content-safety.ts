// llm-content-safety (spec §3.4, T10, T11): the prompt (in inbound) or the completion (in outbound, or in inbound
// with enforce-on-completions="true") is checked by Azure AI Content Safety on the backend named by backend-id;
// a category at or above its threshold, a blocklist match or a prompt attack (shield-prompt) blocks it with 403.
// A streamed completion is cut off instead (content-safety-stream.ts). The prompt is the concatenation of all the
// text of the request (prompt-messages.ts; an embeddings request's input counts too).
// [OBS] the 403 body is APIM's default error shape with "Request failed content safety check.", for prompts and
// completions alike, and APIM answers the same when it cannot get a verdict (a misconfigured or unreachable
// Content Safety backend): a public walkthrough reports exactly that. apimx does the same (it fails closed);
// context.LastError tells the cases apart. [UNCONFIRMED] LastError.Reason: ContentSafetyViolation for a block,
// ContentSafetyUnavailable when no verdict could be had; the Message says which category, blocklist or error.
import { pipeline, type Readable } from 'node:stream';
import type { RequestContext } from '../../context/request-context.ts';
import { MessageBody } from '../../context/message-body.ts';
import { errorBody, PolicyFault } from '../../pipeline/fault.ts';
import type { StepResult } from '../../pipeline/step.ts';
import { isEventStream, parseJsonBody } from '../../tokens/index.ts';
import { asObject } from '../../tokens/json-shapes.ts';
import type { Getter, PolicyImplementation } from '../types.ts';
import { checkCompletion, checkPrompt, windowing, type SafetySettings } from './content-safety-check.ts';
import type { OutputType } from './content-safety-client.ts';
import { completionText } from './completion-text.ts';
import { contentSafetyStream } from './content-safety-stream.ts';
import { joinedText, promptOf } from './prompt-messages.ts';

const BLOCKED_MESSAGE = 'Request failed content safety check.';
const CATEGORIES = new Set(['Hate', 'SelfHarm', 'Sexual', 'Violence']);

export const llmContentSafety: PolicyImplementation = {
  name: 'llm-content-safety',
  build(node, build) {
    const source = node.element;
    const backendId = build.string(node, 'backend-id');
    const shield = build.bool(node, 'shield-prompt');
    const enforceOnCompletions = build.bool(node, 'enforce-on-completions');
    const windowSize = build.number(node, 'window-size');
    const windowOverlap = build.number(node, 'window-overlap-size');
    const categoriesElement = build.elements(node, 'categories')[0];
    const outputType: Getter<string | null> = categoriesElement ? build.string(categoriesElement, 'output-type') : () => 'FourSeverityLevels';
    const categories = categoriesElement
      ? build.elements(categoriesElement, 'category').map((element) => ({ name: build.string(element, 'name'), threshold: build.number(element, 'threshold') }))
      : [];
    const blocklistsElement = build.elements(node, 'blocklists')[0];
    const blocklists = blocklistsElement ? build.elements(blocklistsElement, 'id').map((element) => build.text(element)) : [];

    /** The settings of this request (every attribute may be an expression), checked as the schema checks literals. */
    function settings(ctx: RequestContext): SafetySettings {
      const type = outputType(ctx) ?? 'FourSeverityLevels';
      if (type !== 'FourSeverityLevels' && type !== 'EightSeverityLevels') throw new Error(`${source}: output-type '${type}' is not FourSeverityLevels or EightSeverityLevels`);
      return {
        backendId: backendId(ctx) ?? '',
        outputType: type as OutputType,
        categories: categories.map(({ name, threshold }) => {
          const n = name(ctx) ?? '';
          const t = threshold(ctx);
          if (!CATEGORIES.has(n)) throw new Error(`${source}: category '${n}' is not Hate, SelfHarm, Sexual or Violence`);
          if (t === null || !Number.isInteger(t) || t < 0 || t > 7) throw new Error(`${source}: the threshold of ${n} must be an integer from 0 to 7`);
          return { name: n, threshold: t };
        }),
        blocklists: blocklists.map((id) => id(ctx)?.trim() ?? '').filter((id) => id !== ''),
      };
    }

    async function checkRequest(ctx: RequestContext): Promise<void> {
      const current = settings(ctx);
      const text = requestText(ctx);
      if (text !== '') await decide(ctx, () => checkPrompt(ctx, source, current, text, shield(ctx) === true));
      if (enforceOnCompletions(ctx) === true) ctx.onOutbound.push(completionHook(current));
    }

    // Returned, not a named closure: one hook per request that enforces on completions. The pipeline does not
    // know where a hook stands, so the fault says itself that it happened in outbound.
    function completionHook(current: SafetySettings): (ctx: RequestContext) => Promise<void> {
      return (ctx) =>
        checkResponse(ctx, current).catch((error: unknown) => {
          if (error instanceof PolicyFault && error.section === null) error.section = 'outbound';
          throw error;
        });
    }

    async function checkResponse(ctx: RequestContext, current: SafetySettings): Promise<void> {
      const response = ctx.Response;
      const body = response.Body;
      if (body === null || response.StatusCode < 200 || response.StatusCode >= 300) return;
      const { size, overlap } = windowing(windowSize(ctx), windowOverlap(ctx));
      if (!body.buffered && isEventStream(response.Headers.first('Content-Type'))) {
        const cut = contentSafetyStream({
          size,
          overlap,
          check: (text) => checkCompletion(ctx, source, current, text, size, overlap),
          onBlocked: (why) => ctx.traces.push({ source, severity: 'error', message: `streamed completion cut off: ${why}` }),
        });
        // pipeline(): an upstream error reaches the client through `cut`; a client that goes away stops the upstream.
        pipeline(body.toWire() as Readable, cut, ignore);
        response.Body = new MessageBody(cut, body.contentType);
        return;
      }
      await body.buffer();
      const text = completionText(parseJsonBody(body.content));
      if (text !== '') await decide(ctx, () => checkCompletion(ctx, source, current, text, size, overlap));
    }

    async function decide(ctx: RequestContext, verdict: () => Promise<string | null>): Promise<void> {
      let why: string | null;
      try {
        why = await verdict();
      } catch (error) {
        throw blocked('ContentSafetyUnavailable', `Content Safety gave no verdict: ${(error as Error).message}`);
      }
      if (why !== null) throw blocked('ContentSafetyViolation', `Content blocked: ${why}`);
    }

    function blocked(reason: string, message: string): PolicyFault {
      return new PolicyFault(source, reason, message, { status: 403, reason: 'Forbidden', body: errorBody(403, BLOCKED_MESSAGE) });
    }

    return {
      run(ctx): StepResult {
        // enforce-on-completions is ignored in outbound: the policy there checks the completion anyway.
        if (ctx.section !== 'inbound') return checkResponse(ctx, settings(ctx));
        if (!ctx.requestBodyBuffered()) return ctx.bufferRequestBody().then(() => checkRequest(ctx));
        return checkRequest(ctx);
      },
    };
  },
};

/** All the text of the request: the prompt's messages, or an embeddings request's input. */
function requestText(ctx: RequestContext): string {
  const prompt = promptOf(ctx);
  if (prompt !== undefined) return joinedText(prompt.messages);
  const bytes = ctx.Request.Body?.content;
  const input = bytes && bytes.length > 0 ? asObject(parseJsonBody(bytes))?.['input'] : undefined;
  if (typeof input === 'string') return input;
  if (Array.isArray(input)) return input.filter((item): item is string => typeof item === 'string').join('\n');
  return '';
}

function ignore(): void {}
