// Chat requests whose prompt_tokens the OpenAI API reported, as published with their requests by people
// outside this project. Each figure names its source; none was derived from apimx's rule.

export interface ApiFigure {
  name: string;
  model: string;
  body: Record<string, unknown>;
  promptTokens: number;
  source: string;
}

/**
 * hmarr/openai-chat-tokens (MIT): each test case is "test data matches openai", run against gpt-3.5-turbo
 * with the live API (`validate`/`validateAll`, README "Development and testing"). tests/token-counts.test.ts
 * (commit 08d8ec02) and src/token-counts.test.ts (commit 39be88f6, the coderabbitai fork's later cases).
 */
const HMARR = 'hmarr/openai-chat-tokens tests/token-counts.test.ts';
const HMARR_LATER = 'hmarr/openai-chat-tokens src/token-counts.test.ts';
/**
 * pamelafox/openai-messages-token-helper (MIT) tests/functions.py: counts checked with tests/verify_functions.py
 * (the API's usage.prompt_tokens for the system message + tools + tool_choice); her tests compare them on
 * gpt-35-turbo.
 */
const PAMELA = 'pamelafox/openai-messages-token-helper tests/functions.py';
/** Forum post with the request and the API's answer: https://community.openai.com/t/538914 */
const FORUM_TOOL_CALLS = 'community.openai.com/t/strange-token-cost-calculation-for-tool-calls/538914';

const user = (content: string) => ({ role: 'user', content });
const system = (content: string) => ({ role: 'system', content });
const emptyObject = { type: 'object', properties: {} };
const chat = (messages: unknown[], extra: Record<string, unknown> = {}) => ({ messages, ...extra });

export const GPT35_FIGURES: ApiFigure[] = [
  { name: 'user "hello"', body: chat([user('hello')]), promptTokens: 8, source: HMARR },
  { name: 'user "hello world"', body: chat([user('hello world')]), promptTokens: 9, source: HMARR },
  { name: 'system "hello"', body: chat([system('hello')]), promptTokens: 8, source: HMARR },
  { name: 'system "hello:"', body: chat([system('hello:')]), promptTokens: 9, source: HMARR },
  {
    name: 'system, user and assistant',
    body: chat([system("# Important: you're the best robot"), user('hello robot'), { role: 'assistant', content: 'hello world' }]),
    promptTokens: 27,
    source: HMARR,
  },
  { name: 'a function without description or parameters', body: chat([user('hello')], { functions: [{ name: 'foo', parameters: emptyObject }] }), promptTokens: 31, source: HMARR },
  { name: 'function_call "none"', body: chat([user('hello')], { functions: [{ name: 'foo', parameters: emptyObject }], function_call: 'none' }), promptTokens: 32, source: HMARR_LATER },
  { name: 'function_call "auto"', body: chat([user('hello')], { functions: [{ name: 'foo', parameters: emptyObject }], function_call: 'auto' }), promptTokens: 31, source: HMARR_LATER },
  { name: 'function_call by name', body: chat([user('hello')], { functions: [{ name: 'foo', parameters: emptyObject }], function_call: { name: 'foo' } }), promptTokens: 36, source: HMARR_LATER },
  { name: 'a function with a description', body: chat([user('hello')], { functions: [{ name: 'foo', description: 'Do a foo', parameters: emptyObject }] }), promptTokens: 36, source: HMARR },
  {
    name: 'one string parameter',
    body: chat([user('hello')], { functions: [{ name: 'bing_bong', description: 'Do a bing bong', parameters: { type: 'object', properties: { foo: { type: 'string' } } } }] }),
    promptTokens: 49,
    source: HMARR,
  },
  {
    name: 'a string and a described number parameter',
    body: chat([user('hello')], { functions: [{ name: 'bing_bong', description: 'Do a bing bong', parameters: { type: 'object', properties: { foo: { type: 'string' }, bar: { type: 'number', description: 'A number' } } } }] }),
    promptTokens: 57,
    source: HMARR,
  },
  {
    name: 'an object parameter with an enum and a boolean',
    body: chat([user('hello')], {
      functions: [{ name: 'bing_bong', description: 'Do a bing bong', parameters: { type: 'object', properties: { foo: { type: 'object', properties: { bar: { type: 'string', enum: ['a', 'b', 'c'] }, baz: { type: 'boolean' } } } } } }],
    }),
    promptTokens: 68,
    source: HMARR,
  },
  { name: 'a function result {}', body: chat([user('hello world'), { role: 'function', name: 'do_stuff', content: '{}' }]), promptTokens: 15, source: HMARR },
  { name: 'a function result object', body: chat([user('hello world'), { role: 'function', name: 'do_stuff', content: '{"foo": "bar", "baz": 1.5}' }]), promptTokens: 28, source: HMARR },
  { name: 'a nested function result alone', body: chat([{ role: 'function', name: 'dance_the_tango', content: '{"a": { "b" : { "c": false}}}' }]), promptTokens: 24, source: HMARR },
  {
    name: 'an assistant function_call',
    body: chat([{ role: 'assistant', content: '', function_call: { name: 'do_stuff', arguments: '{"foo": "bar", "baz": 1.5}' } }]),
    promptTokens: 26,
    source: HMARR,
  },
  {
    name: 'an assistant function_call with newlines in its arguments',
    body: chat([{ role: 'assistant', content: '', function_call: { name: 'do_stuff', arguments: '{"foo":"bar", "baz":\n\n 1.5}' } }]),
    promptTokens: 25,
    source: HMARR,
  },
  {
    name: 'a conversation with function results, anyOf parameters and function_call by name',
    body: chat(
      [
        system('You are an AI assistant trained to foo or bar'),
        user('My name is suzie'),
        { role: 'function', name: 'foo', content: '{"res":{"kind":"user","name":"suzie"}}' },
        user('I want to post a message with the text "hello world"'),
        { role: 'function', name: 'foo', content: '{"res":{"kind":"post","text":"hello world"}}' },
      ],
      {
        functions: [
          {
            name: 'foo',
            description: 'Return the foo or the bar',
            parameters: {
              type: 'object',
              properties: {
                res: {
                  anyOf: [
                    { type: 'object', properties: { kind: { type: 'string', const: 'post' }, text: { type: 'string' } }, required: ['kind', 'text'], additionalProperties: false },
                    { type: 'object', properties: { kind: { type: 'string', const: 'user' }, name: { type: 'string', enum: ['jane', 'suzie', 'adam'] } }, required: ['kind', 'name'], additionalProperties: false },
                  ],
                  description: 'The foo or the bar',
                },
              },
              required: ['res'],
              additionalProperties: false,
            },
          },
        ],
        function_call: { name: 'foo' },
      },
    ),
    promptTokens: 158,
    source: HMARR_LATER,
  },
  {
    name: 'anyOf with one object',
    body: chat([system('Hello'), user('Hi there')], { functions: [{ name: 'do_stuff', parameters: { type: 'object', properties: { foo: { anyOf: [{ type: 'object', properties: { kind: { type: 'string', const: 'a' }, baz: { type: 'boolean' } } }] } } } }] }),
    promptTokens: 52,
    source: HMARR_LATER,
  },
  {
    name: 'anyOf with three objects',
    body: chat([system('Hello'), user('Hi there')], {
      functions: [
        {
          name: 'do_stuff',
          parameters: {
            type: 'object',
            properties: {
              foo: {
                anyOf: [
                  { type: 'object', properties: { kind: { type: 'string', const: 'a' }, baz: { type: 'boolean' } } },
                  { type: 'object', properties: { kind: { type: 'string', const: 'b' }, qux: { type: 'number' } } },
                  { type: 'object', properties: { kind: { type: 'string', const: 'c' }, idk: { type: 'string' } } },
                ],
              },
            },
          },
        },
      ],
    }),
    promptTokens: 80,
    source: HMARR_LATER,
  },
  {
    name: 'anyOf of a string and a number',
    body: chat([system('Hello'), user('Hi there')], { functions: [{ name: 'do_stuff', parameters: { type: 'object', properties: { foo: { anyOf: [{ type: 'string', const: 'a' }, { type: 'number' }] } } } }] }),
    promptTokens: 44,
    source: HMARR_LATER,
  },
  { name: 'a system message and a function', body: chat([system('Hello'), user('Hi there')], { functions: [{ name: 'do_stuff', parameters: emptyObject }] }), promptTokens: 35, source: HMARR },
  { name: 'a system message ending in ":" and a function', body: chat([system('Hello:'), user('Hi there')], { functions: [{ name: 'do_stuff', parameters: emptyObject }] }), promptTokens: 35, source: HMARR },
  { name: 'two system messages and a function', body: chat([system('Hello:'), system('Hello'), user('Hi there')], { functions: [{ name: 'do_stuff', parameters: emptyObject }] }), promptTokens: 40, source: HMARR },
  {
    name: 'two system messages and two functions',
    body: chat([system('Hello:'), system('Hello'), user('Hi there')], { functions: [{ name: 'do_stuff', parameters: emptyObject }, { name: 'do_other_stuff', parameters: emptyObject }] }),
    promptTokens: 49,
    source: HMARR_LATER,
  },
  {
    name: 'two functions, one called by name',
    body: chat([system('Hello:'), system('Hello'), user('Hi there')], { functions: [{ name: 'do_stuff', parameters: emptyObject }, { name: 'do_other_stuff', parameters: emptyObject }], function_call: { name: 'do_stuff' } }),
    promptTokens: 55,
    source: HMARR_LATER,
  },
  {
    name: 'required parameters, arrays of objects and an enum',
    body: chat([user('hello')], {
      functions: [
        {
          name: 'get_recipe',
          parameters: {
            type: 'object',
            required: ['ingredients', 'instructions', 'time_to_cook'],
            properties: {
              ingredients: {
                type: 'array',
                items: { type: 'object', required: ['name', 'unit', 'amount'], properties: { name: { type: 'string' }, unit: { enum: ['grams', 'ml', 'cups', 'pieces', 'teaspoons'], type: 'string' }, amount: { type: 'number' } } },
              },
              instructions: { type: 'array', items: { type: 'string' }, description: 'Steps to prepare the recipe (no numbering)' },
              time_to_cook: { type: 'number', description: 'Total time to prepare the recipe in minutes' },
            },
          },
        },
      ],
    }),
    promptTokens: 106,
    source: HMARR,
  },
  {
    name: 'a nested description is not shown',
    body: chat([user('hello')], {
      functions: [{ name: 'function', description: 'description', parameters: { type: 'object', properties: { quality: { type: 'object', properties: { pros: { type: 'array', items: { type: 'string' }, description: 'Write 3 points why this text is well written' } } } } } }],
    }),
    promptTokens: 46,
    source: HMARR_LATER,
  },
  {
    name: 'nested descriptions and enums',
    body: chat([user('hello')], {
      functions: [
        {
          name: 'function',
          description: 'desctiption1',
          parameters: {
            type: 'object',
            description: 'desctiption2',
            properties: {
              mainField: { type: 'string', description: 'description3' },
              'field number one': {
                type: 'object',
                description: 'description4',
                properties: {
                  yesNoField: { type: 'string', description: 'description5', enum: ['Yes', 'No'] },
                  howIsInteresting: { type: 'string', description: 'description6' },
                  scoreInteresting: { type: 'number', description: 'description7' },
                  isInteresting: { type: 'string', description: 'description8', enum: ['Yes', 'No'] },
                },
              },
            },
          },
        },
      ],
    }),
    promptTokens: 96,
    source: HMARR_LATER,
  },
  {
    name: 'a text part, an assistant tool call and its tool result',
    body: chat([
      { role: 'user', content: [{ type: 'text', text: 'How much is 2 plus 2?' }] },
      { role: 'assistant', tool_calls: [{ id: 'a', type: 'function', function: { name: 'calculator', arguments: '{"a":2, "b":2}' } }] },
      { role: 'tool', tool_call_id: 'a', content: '4' },
    ]),
    promptTokens: 40,
    source: FORUM_TOOL_CALLS,
  },
].map((f) => ({ ...f, model: 'gpt-3.5-turbo' }));

const BOT = system('You are a bot.');
const SEARCH_SOURCES = {
  name: 'search_sources',
  description: 'Retrieve sources from the Azure AI Search index',
  parameters: {
    type: 'object',
    properties: { search_query: { type: 'string', description: "Query string to retrieve documents from azure search eg: 'Health care plan'" } },
    required: ['search_query'],
  },
};
const tool = (fn: Record<string, unknown>) => [{ type: 'function', function: fn }];
const named = (name: string) => ({ type: 'function', function: { name } });
const DATA_DEMO_INT_ENUM = { name: 'data_demonstration', description: 'This is the main function description', parameters: { type: 'object', properties: { integer_enum: { type: 'integer', enum: [-1, 1] } } } };
const SEARCH_NO_PARAMETERS = { name: 'search_sources', description: 'Retrieve sources from the Azure AI Search index' };

/** System message + tools + tool_choice, exactly as tests/functions.py lists them. */
export const TOOLS_FIGURES: ApiFigure[] = [
  { name: 'search_sources_toolchoice_auto', body: chat([BOT], { tools: tool(SEARCH_SOURCES), tool_choice: 'auto' }), promptTokens: 66, source: PAMELA },
  { name: 'search_sources_toolchoice_none', body: chat([BOT], { tools: tool(SEARCH_SOURCES), tool_choice: 'none' }), promptTokens: 67, source: PAMELA },
  { name: 'search_sources_toolchoice_name', body: chat([BOT], { tools: tool(SEARCH_SOURCES), tool_choice: named('search_sources') }), promptTokens: 75, source: PAMELA },
  { name: 'no_parameters', body: chat([BOT], { tools: tool(SEARCH_NO_PARAMETERS), tool_choice: 'auto' }), promptTokens: 42, source: PAMELA },
  { name: 'no_parameters_tool_choice_name', body: chat([BOT], { tools: tool(SEARCH_NO_PARAMETERS), tool_choice: named('search_sources') }), promptTokens: 51, source: PAMELA },
  {
    name: 'string_enum',
    body: chat([BOT], {
      tools: tool({
        name: 'summarize_order',
        description: 'Summarize the customer order request',
        parameters: {
          type: 'object',
          properties: {
            product_name: { type: 'string', description: 'Product name ordered by customer' },
            quantity: { type: 'integer', description: 'Quantity ordered by customer' },
            unit: { type: 'string', enum: ['meals', 'days'], description: 'unit of measurement of the customer order' },
          },
          required: ['product_name', 'quantity', 'unit'],
        },
      }),
      tool_choice: 'none',
    }),
    promptTokens: 86,
    source: PAMELA,
  },
  {
    name: 'boolean',
    body: chat([BOT], {
      tools: tool({
        name: 'human_escalation',
        description: 'Check if user wants to escalate to a human',
        parameters: {
          type: 'object',
          properties: {
            requires_escalation: {
              type: 'boolean',
              description: 'If user is showing signs of frustration or anger in the query. Also if the user says they want to talk to a real person and not a chat bot.',
            },
          },
          required: ['requires_escalation'],
        },
      }),
      tool_choice: 'none',
    }),
    promptTokens: 89,
    source: PAMELA,
  },
  {
    name: 'array',
    body: chat([BOT], {
      tools: tool({
        name: 'get_coordinates',
        description: 'Get the latitude and longitude of multiple mailing addresses',
        parameters: { type: 'object', properties: { addresses: { type: 'array', description: 'The mailing addresses to be located', items: { type: 'string' } } }, required: ['addresses'] },
      }),
      tool_choice: 'none',
    }),
    promptTokens: 59,
    source: PAMELA,
  },
  {
    name: 'null',
    body: chat([BOT], {
      tools: tool({ name: 'get_null', description: 'Get the null value', parameters: { type: 'object', properties: { null_value: { type: 'null', description: 'The null value to be returned' } }, required: ['null_value'] } }),
      tool_choice: 'none',
    }),
    promptTokens: 55,
    source: PAMELA,
  },
  {
    name: 'no_type',
    body: chat([BOT], {
      tools: tool({ name: 'get_no_type', description: 'Get the no type value', parameters: { type: 'object', properties: { no_type_value: { description: 'The no type value to be returned' } }, required: ['no_type_value'] } }),
      tool_choice: 'none',
    }),
    promptTokens: 59,
    source: PAMELA,
  },
].map((f) => ({ ...f, model: 'gpt-35-turbo' }));

/**
 * Figures from the same file the rule over-estimates, by `over` tokens: a property without a description
 * in these 2024 tools-API figures costs one token less than the 2023 functions-API figures above imply.
 */
export const TOOLS_FIGURES_OVER: (ApiFigure & { over: number })[] = [
  { name: 'integer_enum', body: chat([BOT], { tools: tool(DATA_DEMO_INT_ENUM), tool_choice: 'none' }), promptTokens: 54, over: 1 },
  { name: 'integer_enum_tool_choice_name', body: chat([BOT], { tools: tool(DATA_DEMO_INT_ENUM), tool_choice: named('data_demonstration') }), promptTokens: 64, over: 1 },
  {
    name: 'no_parameter_description_or_required',
    body: chat([BOT], { tools: tool({ name: 'search_sources', description: 'Retrieve sources from the Azure AI Search index', parameters: { type: 'object', properties: { search_query: { type: 'string' } } } }), tool_choice: 'auto' }),
    promptTokens: 49,
    over: 1,
  },
  {
    name: 'no_parameter_description',
    body: chat([BOT], {
      tools: tool({ name: 'search_sources', description: 'Retrieve sources from the Azure AI Search index', parameters: { type: 'object', properties: { search_query: { type: 'string' } }, required: ['search_query'] } }),
      tool_choice: 'auto',
    }),
    promptTokens: 49,
    over: 1,
  },
  {
    name: 'inner_object',
    body: chat([BOT], {
      tools: tool({
        name: 'data_demonstration',
        description: 'This is the main function description',
        parameters: { type: 'object', properties: { object_1: { type: 'object', description: 'The object data type as a property', properties: { string1: { type: 'string' } } } }, required: ['object_1'] },
      }),
      tool_choice: 'none',
    }),
    promptTokens: 65,
    over: 2,
  },
].map((f) => ({ ...f, model: 'gpt-35-turbo', source: PAMELA }));
