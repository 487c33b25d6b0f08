// Token usage of a streamed (SSE) model response, read as the bytes pass: from the usage the stream reports
// (chat with stream_options.include_usage, the Responses API's response.completed, Anthropic's
// message_delta), else estimated from the text deltas with the model's encoding (spec §3.1 item 6). The tap
// never holds a chunk back; it reports once, at the end of the stream or when it is cut off.
import { CompletionCounter } from './completion-counter.ts';
import type { TokenEncoder } from './encoder.ts';
import { asObject, asString } from './json-shapes.ts';
import type { JsonObject } from './json-shapes.ts';
import { SseParser } from './sse-lines.ts';
import type { SseEvent } from './sse-lines.ts';
import { parseUsage, readUsage } from './usage.ts';
import type { TokenUsage } from './usage.ts';

export interface StreamUsageOptions {
  /** The model's encoder, or a promise of it (still loading): deltas wait for it, chunks do not. */
  encoder: TokenEncoder | Promise<TokenEncoder>;
  /** The request's prompt estimate, used as promptTokens when the stream reports no usage. */
  promptTokens?: number;
  /** Called exactly once. */
  onEnd: (report: StreamUsageReport) => void;
}

export interface StreamUsageReport {
  /** The reported usage when the stream had one, else prompt estimate + completion estimated from deltas. */
  usage: TokenUsage;
  /** True when `usage` came from the stream itself. */
  reported: boolean;
  /** Completion tokens counted from the deltas seen (also when usage was reported). */
  estimatedCompletionTokens: number;
  /** The stream's terminal event was seen ([DONE], response.completed, message_stop). */
  completed: boolean;
  /** The stream was cut off (client gone, upstream error) before its end. */
  aborted: boolean;
  /** SSE events seen. */
  events: number;
}

export class SseUsageTap {
  private readonly parser = new SseParser((event) => this.onEvent(event));
  private readonly counter: CompletionCounter;
  private usage: TokenUsage | undefined;
  private anthropicPrompt: number | undefined;
  private completed = false;
  private events = 0;
  private ended = false;
  private encoderReady: Promise<TokenEncoder> | undefined;

  constructor(private readonly options: StreamUsageOptions) {
    const encoder = options.encoder;
    if (encoder instanceof Promise) {
      this.counter = new CompletionCounter(undefined);
      this.encoderReady = encoder.then((e) => {
        this.counter.setEncoder(e);
        return e;
      });
    } else {
      this.counter = new CompletionCounter(encoder);
    }
  }

  /** Look at one chunk of the stream. Never throws: accounting must not break the response. */
  push(chunk: Uint8Array | string): void {
    if (this.ended) return;
    try {
      this.parser.push(chunk);
    } catch {
      // A malformed stream is the client's to see; we count what we could.
    }
  }

  /** End of the stream (aborted: it was cut off). Reports once; later calls do nothing. */
  finish(aborted: boolean): void {
    if (this.ended) return;
    this.ended = true;
    this.parser.end();
    const report = (): void => {
      const estimated = this.counter.total();
      const reported = this.usage !== undefined;
      const prompt = this.options.promptTokens ?? 0;
      const usage = this.usage ?? { promptTokens: prompt, completionTokens: estimated, totalTokens: prompt + estimated };
      this.options.onEnd({ usage, reported, estimatedCompletionTokens: estimated, completed: this.completed, aborted, events: this.events });
    };
    if (this.encoderReady === undefined) report();
    // Still loading the encoding: report when it is there. If it cannot load, the text seen cannot be
    // counted: completion is then what was counted (0), and the report still comes.
    else this.encoderReady.then(report, report);
  }

  private onEvent(event: SseEvent): void {
    this.events += 1;
    const data = event.data;
    if (data === '[DONE]') {
      this.completed = true;
      return;
    }
    if (data.charCodeAt(0) !== 123) return; // not a JSON object
    let json: JsonObject | undefined;
    try {
      json = asObject(JSON.parse(data));
    } catch {
      return;
    }
    if (json === undefined) return;
    const type = asString(json['type']) || event.event || '';
    if (type !== '') this.onTypedEvent(type, json);
    else this.onChatChunk(json);
  }

  /** Chat completions (and legacy completions) chunks: no `type`. */
  private onChatChunk(json: JsonObject): void {
    const usage = parseUsage(json['usage']);
    if (usage !== undefined) this.usage = usage;
    const choices = json['choices'];
    if (!Array.isArray(choices)) return;
    for (const choice of choices) {
      const c = asObject(choice);
      if (c === undefined) continue;
      const index = String(c['index'] ?? 0);
      if (typeof c['text'] === 'string') this.counter.add(`c${index}`, c['text']);
      const delta = asObject(c['delta']);
      if (delta === undefined) continue;
      for (const key of ['content', 'refusal', 'reasoning_content']) {
        const text = delta[key];
        if (typeof text === 'string') this.counter.add(`c${index}.${key}`, text);
      }
      const toolCalls = delta['tool_calls'];
      if (Array.isArray(toolCalls)) {
        for (const call of toolCalls) {
          const t = asObject(call);
          const fn = asObject(t?.['function']);
          if (fn === undefined) continue;
          const channel = `t${index}.${String(t!['index'] ?? 0)}`;
          this.counter.add(`${channel}.name`, asString(fn['name']));
          this.counter.add(channel, asString(fn['arguments']));
        }
      }
      const fnCall = asObject(delta['function_call']);
      if (fnCall !== undefined) {
        this.counter.add(`f${index}.name`, asString(fnCall['name']));
        this.counter.add(`f${index}`, asString(fnCall['arguments']));
      }
    }
  }

  /** Responses API and Anthropic events: a `type` says what the event carries. */
  private onTypedEvent(type: string, json: JsonObject): void {
    switch (type) {
      case 'response.output_text.delta':
      case 'response.refusal.delta':
      case 'response.function_call_arguments.delta':
      case 'response.reasoning_text.delta':
      case 'response.reasoning_summary_text.delta':
        this.counter.add(`${type}:${String(json['item_id'] ?? json['output_index'] ?? '')}`, asString(json['delta']));
        return;
      case 'response.output_item.added': {
        const item = asObject(json['item']);
        if (item?.['type'] === 'function_call') this.counter.add(`name:${String(item['id'] ?? '')}`, asString(item['name']));
        return;
      }
      case 'response.completed':
      case 'response.incomplete':
      case 'response.failed': {
        const usage = readUsage(json);
        if (usage !== undefined) this.usage = usage;
        this.completed = true;
        return;
      }
      case 'message_start':
        this.anthropicPrompt = parseUsage(asObject(json['message'])?.['usage'])?.promptTokens;
        return;
      case 'content_block_delta': {
        const delta = asObject(json['delta']);
        const text = delta?.['text'] ?? delta?.['partial_json'] ?? delta?.['thinking'];
        if (typeof text === 'string') this.counter.add(`a${String(json['index'] ?? 0)}`, text);
        return;
      }
      case 'message_delta': {
        const usage = parseUsage(json['usage']);
        if (usage === undefined) return;
        // Anthropic reports input tokens in message_start and cumulative output tokens here.
        if (usage.promptTokens === 0 && this.anthropicPrompt !== undefined) {
          usage.promptTokens = this.anthropicPrompt;
          usage.totalTokens = usage.promptTokens + usage.completionTokens;
        }
        this.usage = usage;
        return;
      }
      case 'message_stop':
        this.completed = true;
        return;
      default:
        // Chat chunks behind an `event:` line, or ones that carry a `type` we do not know: read them as chat.
        this.onChatChunk(json);
    }
  }
}
