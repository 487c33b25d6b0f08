// An EMULATION of Azure AI Content Safety's text APIs, so that llm-content-safety runs offline against the mock:
//   POST /contentsafety/text:analyze        {text, categories?, blocklistNames?, haltOnBlocklistHit?, outputType?}
//   POST /contentsafety/text:shieldPrompt   {userPrompt, documents?}
// Deterministic: a category's severity is the highest severity of its configured terms found in the text (whole
// words or phrases, case and accents ignored), reported on eight levels or rounded down to 0/2/4/6; a blocklist
// matches when one of its items is found; Prompt Shields flags a text containing an attack phrase. The answers
// and errors have the service's shapes (text over 10,000 characters: 400; an unknown blocklist: 404).
import { DEFAULT_ATTACKS, DEFAULT_TERMS, HARM_CATEGORIES, type HarmCategory } from './content-safety-lexicon.ts';
import { normaliseText } from './embedding-vector.ts';
import { sendJson } from './http-io.ts';
import type { OpContext } from './op-context.ts';

export interface ContentSafetyOptions {
  /** Category → term → severity (0-7); replaces the built-in terms of the categories it names. */
  terms?: Partial<Record<HarmCategory, Record<string, number>>>;
  /** Blocklist name → items. */
  blocklists?: Record<string, string[]>;
  /** Phrases Prompt Shields reports as a user prompt attack; replaces the built-in ones. */
  attacks?: string[];
}

const MAX_TEXT = 10_000;

export function analyzeText(ctx: OpContext): void {
  const options = ctx.options.contentSafety ?? {};
  const text = ctx.body['text'];
  if (typeof text !== 'string' || text.length === 0) return invalid(ctx, "The 'text' field is required and must be a non-empty string.");
  if (text.length > MAX_TEXT) return invalid(ctx, `The text is too long: ${text.length} characters, at most ${MAX_TEXT} are allowed.`);
  const requested = ctx.body['categories'] ?? HARM_CATEGORIES;
  if (!Array.isArray(requested) || requested.some((c) => !HARM_CATEGORIES.includes(c as HarmCategory))) {
    return invalid(ctx, `'categories' must list some of ${HARM_CATEGORIES.join(', ')}.`);
  }
  const outputType = ctx.body['outputType'] ?? 'FourSeverityLevels';
  if (outputType !== 'FourSeverityLevels' && outputType !== 'EightSeverityLevels') return invalid(ctx, "'outputType' must be FourSeverityLevels or EightSeverityLevels.");
  const names = ctx.body['blocklistNames'] ?? [];
  if (!Array.isArray(names) || names.some((n) => typeof n !== 'string')) return invalid(ctx, "'blocklistNames' must be a list of names.");
  const blocklists = options.blocklists ?? {};
  const unknown = (names as string[]).find((name) => !Object.hasOwn(blocklists, name));
  if (unknown !== undefined) {
    sendJson(ctx.res, 404, { error: { code: 'NotFound', message: `The blocklist '${unknown}' is not found.`, details: [] } });
    return;
  }
  const haystack = ` ${normaliseText(text)} `;
  const blocklistsMatch = (names as string[]).flatMap((name) =>
    blocklists[name]!.map((item, index) => ({ item, index }))
      .filter(({ item }) => contains(haystack, item))
      .map(({ item, index }) => ({ blocklistName: name, blocklistItemId: `${name}-${index}`, blocklistItemText: item })),
  );
  const halt = ctx.body['haltOnBlocklistHit'] === true && blocklistsMatch.length > 0;
  const categoriesAnalysis = halt
    ? []
    : (requested as HarmCategory[]).map((category) => {
        const terms = options.terms?.[category] ?? DEFAULT_TERMS[category];
        let severity = 0;
        for (const [term, level] of Object.entries(terms)) if (level > severity && contains(haystack, term)) severity = Math.min(7, level);
        return { category, severity: outputType === 'EightSeverityLevels' ? severity : severity - (severity % 2) };
      });
  sendJson(ctx.res, 200, { blocklistsMatch, categoriesAnalysis });
}

export function shieldPrompt(ctx: OpContext): void {
  const attacks = ctx.options.contentSafety?.attacks ?? DEFAULT_ATTACKS;
  const userPrompt = ctx.body['userPrompt'] ?? '';
  const documents = ctx.body['documents'] ?? [];
  if (typeof userPrompt !== 'string' || !Array.isArray(documents) || documents.some((d) => typeof d !== 'string')) {
    return invalid(ctx, "'userPrompt' must be a string and 'documents' a list of strings.");
  }
  if (userPrompt.length > MAX_TEXT) return invalid(ctx, `The user prompt is too long: ${userPrompt.length} characters, at most ${MAX_TEXT} are allowed.`);
  const attacked = (text: string) => {
    const haystack = ` ${normaliseText(text)} `;
    return attacks.some((phrase) => contains(haystack, phrase));
  };
  sendJson(ctx.res, 200, {
    userPromptAnalysis: { attackDetected: attacked(userPrompt) },
    documentsAnalysis: (documents as string[]).map((document) => ({ attackDetected: attacked(document) })),
  });
}

/** Whole words or phrases: `haystack` is normalised text padded with spaces. */
function contains(haystack: string, phrase: string): boolean {
  const needle = normaliseText(phrase);
  return needle !== '' && haystack.includes(` ${needle} `);
}

function invalid(ctx: OpContext, message: string): void {
  sendJson(ctx.res, 400, { error: { code: 'InvalidRequestBody', message, details: [] } });
}
