// Azure AI Content Safety as llm-content-safety calls it (spec §3.4): text:analyze for harm categories and
// blocklists, text:shieldPrompt (Prompt Shields) for user prompt attacks, on the backend entity the policy names
// (its URL is the resource endpoint, https://<name>.cognitiveservices.azure.com). The built-in mock backend
// emulates both endpoints so that this runs offline.
import type { RequestContext } from '../../context/request-context.ts';
import { asObject } from '../../tokens/json-shapes.ts';
import { callBackend } from './backend-call.ts';

const API_VERSION = '2024-09-01';
/** The service's limit for one text (text:analyze and a Prompt Shields user prompt). */
export const CONTENT_SAFETY_MAX_CHARS = 10_000;
// [UNCONFIRMED] how long APIM waits for Content Safety: apimx gives up after 20 s (which blocks, see the policy).
const TIMEOUT_MS = 20_000;

export type OutputType = 'FourSeverityLevels' | 'EightSeverityLevels';

export interface AnalyzeRequest {
  text: string;
  categories: readonly string[];
  blocklistNames: readonly string[];
  outputType: OutputType;
}

export interface AnalyzeResult {
  /** Severity by category name. */
  severities: Map<string, number>;
  /** Names of the blocklists that matched. */
  blocklistMatches: string[];
}

export async function analyzeText(ctx: RequestContext, source: string, backendId: string, request: AnalyzeRequest): Promise<AnalyzeResult> {
  const body: Record<string, unknown> = { text: request.text, outputType: request.outputType };
  if (request.categories.length > 0) body['categories'] = request.categories;
  if (request.blocklistNames.length > 0) {
    body['blocklistNames'] = request.blocklistNames;
    body['haltOnBlocklistHit'] = false;
  }
  const json = await call(ctx, source, backendId, 'text:analyze', body);
  const severities = new Map<string, number>();
  const analysis = json['categoriesAnalysis'];
  if (Array.isArray(analysis)) {
    for (const item of analysis) {
      const entry = asObject(item);
      if (typeof entry?.['category'] === 'string' && typeof entry['severity'] === 'number') severities.set(entry['category'], entry['severity']);
    }
  }
  const blocklistMatches: string[] = [];
  const matches = json['blocklistsMatch'];
  if (Array.isArray(matches)) {
    for (const item of matches) {
      const name = asObject(item)?.['blocklistName'];
      if (typeof name === 'string' && !blocklistMatches.includes(name)) blocklistMatches.push(name);
    }
  }
  return { severities, blocklistMatches };
}

/** Whether Prompt Shields finds an attack in the user prompt. */
export async function shieldPrompt(ctx: RequestContext, source: string, backendId: string, userPrompt: string): Promise<boolean> {
  const json = await call(ctx, source, backendId, 'text:shieldPrompt', { userPrompt, documents: [] });
  const analysis = asObject(json['userPromptAnalysis']);
  if (typeof analysis?.['attackDetected'] !== 'boolean') throw new Error('Prompt Shields answered without userPromptAnalysis.attackDetected');
  return analysis['attackDetected'];
}

async function call(ctx: RequestContext, source: string, backendId: string, operation: string, body: unknown): Promise<Record<string, unknown>> {
  const answer = await callBackend(ctx, { source, backendId, path: `/contentsafety/${operation}?api-version=${API_VERSION}`, body, timeoutMs: TIMEOUT_MS });
  const json = asObject(answer.json);
  if (answer.status !== 200 || json === undefined) {
    throw new Error(`Content Safety ${operation} on backend '${backendId}' answered ${answer.status}: ${answer.text.slice(0, 200)}`);
  }
  return json;
}
