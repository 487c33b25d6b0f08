// Chat requests whose prompt_tokens the OpenAI API reported, published with their requests outside this
// project (sources next to each figure, here and in api-figures.ts), estimated exactly. The openai-cookbook's
// two figures are in chat-estimate.test.ts ("cookbook values").
//
// Single-message chat requests whose prompt_tokens were checked against the OpenAI API by the
// openai-messages-token-helper package (Pamela Fox, MIT; tests/messages.py with tests/verify_openai.py,
// v0.1.4): `count` on gpt-35-turbo / gpt-3.5-turbo / gpt-4 (cl100k_base), `omni` on gpt-4o (o200k_base).
// Each is 3 (message) + role + content (+ name + 1) + 3 (reply priming).
import { describe, expect, it } from 'vitest';
import { estimatePromptTokens } from '../../src/tokens/estimate.ts';
import { GPT35_FIGURES, TOOLS_FIGURES, TOOLS_FIGURES_OVER } from './api-figures.ts';

const PERF = "During the performance review at Contoso Electronics, the supervisor will discuss the employee's performance over the past year and provide feedback on areas for improvement. They will also provide an opportunity for the employee to discuss their goals and objectives for the upcoming year. The review is a two-way dialogue between managers and employees, and employees will receive a written summary of their performance review which will include a rating of their performance, feedback, and goals and objectives for the upcoming year [employee_handbook-3.pdf].";
const PERF_SHORT = "The supervisor will discuss the employee's performance and provide feedback on areas for improvement. They will also provide an opportunity for the employee to discuss their goals and objectives for the upcoming year. The review is a two-way dialogue between managers and employees, and employees will receive a written summary of their performance review which will include a rating of their performance, feedback, and goals for the upcoming year [employee_handbook-3.pdf].";

const CASES: { name: string; message: Record<string, string>; count: number; omni: number }[] = [
  { name: 'system, short', message: { role: 'system', content: 'You are a bot.' }, count: 12, omni: 12 },
  { name: 'system', message: { role: 'system', content: 'You are a helpful, pattern-following assistant that translates corporate jargon into plain English.' }, count: 25, omni: 24 },
  { name: 'system, long', message: { role: 'system', content: 'Assistant helps the company employees with their healthcare plan questions, and questions about the employee handbook. Be brief in your answers.' }, count: 31, omni: 31 },
  { name: 'system, unicode', message: { role: 'system', content: 'á' }, count: 8, omni: 8 },
  { name: 'system with a name', message: { role: 'system', name: 'example_user', content: 'New synergies will help drive top-line growth.' }, count: 20, omni: 20 },
  { name: 'user', message: { role: 'user', content: 'Hello, how are you?' }, count: 13, omni: 13 },
  { name: 'user, unicode', message: { role: 'user', content: 'á' }, count: 8, omni: 8 },
  { name: 'user, performance review', message: { role: 'user', content: 'What happens in a performance review?' }, count: 14, omni: 14 },
  { name: 'assistant, long answer', message: { role: 'assistant', content: PERF }, count: 106, omni: 106 },
  { name: 'assistant, shorter answer', message: { role: 'assistant', content: PERF_SHORT }, count: 91, omni: 91 },
  { name: 'user, dress code', message: { role: 'user', content: 'Is there a dress code?' }, count: 13, omni: 13 },
  { name: 'assistant, dress code', message: { role: 'assistant', content: 'Yes, there is a dress code at Contoso Electronics. Look sharp! [employee_handbook-1.pdf]' }, count: 30, omni: 30 },
  { name: 'user, product manager', message: { role: 'user', content: 'What does a Product Manager do?' }, count: 14, omni: 14 },
];

describe('prompt_tokens the API reported', () => {
  it.each(CASES)('$name: $count on gpt-35-turbo and gpt-4, $omni on gpt-4o', async ({ message, count, omni }) => {
    expect((await estimatePromptTokens({ messages: [message] }, { modelHint: 'gpt-35-turbo' })).tokens).toBe(count);
    expect((await estimatePromptTokens({ model: 'gpt-4', messages: [message] })).tokens).toBe(count);
    expect((await estimatePromptTokens({ model: 'gpt-4o', messages: [message] })).tokens).toBe(omni);
  });
});

describe('prompt_tokens the API reported for messages, functions, tools and tool_choice (api-figures.ts)', () => {
  it.each([...GPT35_FIGURES, ...TOOLS_FIGURES])('$name on $model: $promptTokens ($source)', async ({ model, body, promptTokens }) => {
    expect((await estimatePromptTokens({ model, ...body })).tokens).toBe(promptTokens);
  });

  it('the same requests sent to an Azure deployment (no model in the body) count the same', async () => {
    for (const { body, promptTokens } of [...GPT35_FIGURES, ...TOOLS_FIGURES]) {
      expect((await estimatePromptTokens(body, { modelHint: 'gpt-35-turbo' })).tokens).toBe(promptTokens);
    }
  });
});

describe('reported figures the rule over-estimates (known, small, on the safe side for a limit)', () => {
  it.each(TOOLS_FIGURES_OVER)('$name on $model: API $promptTokens, estimate $over more ($source)', async ({ model, body, promptTokens, over }) => {
    expect((await estimatePromptTokens({ model, ...body })).tokens).toBe(promptTokens + over);
  });
});
