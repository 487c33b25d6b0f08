// Whether a text passes llm-content-safety's settings (spec §3.4): a harm category at or above its threshold, a
// blocklist match or (prompts only, with shield-prompt) a Prompt Shields attack blocks it. Prompts are checked
// whole; completions in windows of window-size characters (default the service's 10,000) overlapping by
// window-overlap-size. Answers null when the text passes, else why it is blocked; rejects when Content Safety
// could not give a verdict.
import type { RequestContext } from '../../context/request-context.ts';
import { analyzeText, CONTENT_SAFETY_MAX_CHARS, shieldPrompt, type AnalyzeResult, type OutputType } from './content-safety-client.ts';

export interface SafetySettings {
  backendId: string;
  outputType: OutputType;
  categories: readonly { name: string; threshold: number }[];
  blocklists: readonly string[];
}

export async function checkPrompt(ctx: RequestContext, source: string, settings: SafetySettings, text: string, shield: boolean): Promise<string | null> {
  // 2026 revision: a text over the service's limit is blocked (403), not sent.
  if (text.length > CONTENT_SAFETY_MAX_CHARS) return `the text (${text.length} characters) exceeds Content Safety's limit of ${CONTENT_SAFETY_MAX_CHARS}`;
  const checks: Promise<string | null>[] = [];
  if (analyses(settings)) checks.push(analyze(ctx, source, settings, text));
  if (shield) {
    checks.push(shieldPrompt(ctx, source, settings.backendId, text).then((attack) => (attack ? 'Prompt Shields detected a user prompt attack' : null)));
  }
  for (const verdict of await Promise.all(checks)) if (verdict !== null) return verdict;
  return null;
}

export async function checkCompletion(ctx: RequestContext, source: string, settings: SafetySettings, text: string, windowSize: number, overlap: number): Promise<string | null> {
  if (!analyses(settings) || text === '') return null;
  for (const window of windows(text, windowSize, overlap)) {
    const verdict = await analyze(ctx, source, settings, window);
    if (verdict !== null) return verdict;
  }
  return null;
}

/** Without categories or blocklists there is nothing to ask text:analyze. */
export function analyses(settings: SafetySettings): boolean {
  return settings.categories.length > 0 || settings.blocklists.length > 0;
}

/** Window sizes as configured, within the service's limit; the overlap smaller than the window. */
export function windowing(size: number | null, overlap: number | null): { size: number; overlap: number } {
  const s = Math.min(Math.max(1, size ?? CONTENT_SAFETY_MAX_CHARS), CONTENT_SAFETY_MAX_CHARS);
  return { size: s, overlap: Math.min(Math.max(0, overlap ?? 0), s - 1) };
}

/** `text` cut in windows of `size` characters, each starting `size - overlap` after the previous one. */
export function windows(text: string, size: number, overlap: number): string[] {
  const out: string[] = [];
  const step = Math.max(1, size - overlap);
  for (let start = 0; ; start += step) {
    out.push(text.slice(start, start + size));
    if (start + size >= text.length) return out;
  }
}

async function analyze(ctx: RequestContext, source: string, settings: SafetySettings, text: string): Promise<string | null> {
  const result = await analyzeText(ctx, source, settings.backendId, {
    text,
    categories: settings.categories.map((c) => c.name),
    blocklistNames: settings.blocklists,
    outputType: settings.outputType,
  });
  return violation(result, settings);
}

function violation(result: AnalyzeResult, settings: SafetySettings): string | null {
  if (result.blocklistMatches.length > 0) return `blocklist ${result.blocklistMatches.map((b) => `'${b}'`).join(', ')} matched`;
  for (const { name, threshold } of settings.categories) {
    const severity = result.severities.get(name) ?? 0;
    // Severity at or above the threshold is blocked: threshold 4 lets 0-3 pass (spec §3.4).
    if (severity >= threshold) return `${name} severity ${severity} is at or above the threshold ${threshold}`;
  }
  return null;
}
