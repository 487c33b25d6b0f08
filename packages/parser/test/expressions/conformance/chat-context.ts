// A context around a realistic OpenAI chat-completions request, for the JSON conformance rows and the
// corpus blocks.
import {
  ApiInfo, HeaderDictionary, MessageBody, OperationInfo, ProxyContext, RequestModel, ResponseModel,
  StringValuesDictionary, SubscriptionInfo, Url, VariableDictionary,
} from '../../../src/expressions/index.ts';

/** An OpenAI chat-completions request as clients send it. */
export const CHAT_BODY = JSON.stringify({
  model: 'gpt-4o',
  messages: [
    { role: 'system', content: 'You are terse.' },
    { role: 'user', content: 'Hello' },
    { role: 'assistant', content: 'Hi!' },
    { role: 'user', content: 'Weather in Paris?' },
  ],
  temperature: 0.7,
  max_tokens: 256,
  stream: true,
  stream_options: { include_usage: true },
  tools: [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object' } } }],
  user: 'u-42',
});

export interface ChatContextOptions {
  body?: string;
  url?: string;
  headers?: Record<string, string | string[]>;
  matched?: Record<string, string>;
  responseHeaders?: Record<string, string>;
  variables?: VariableDictionary;
}

export function chatContext(opts: ChatContextOptions = {}): ProxyContext {
  const body = opts.body ?? CHAT_BODY;
  const variables = opts.variables ?? new VariableDictionary();
  variables.set('config', '{"name":"b1","priority":1,"tags":["a","b"],"limits":{"rpm":60}}', 'string');
  variables.set('list', '[3,1,2]', 'string');
  return new ProxyContext({
    Request: new RequestModel({
      Method: 'POST',
      Headers: new HeaderDictionary(opts.headers ?? { 'Content-Type': 'application/json', 'api-key': 'k' }),
      Url: Url.parse(opts.url ?? 'https://gw.example.com/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21'),
      Body: new MessageBody(body),
      MatchedParameters: new StringValuesDictionary(opts.matched ?? { 'deployment-id': 'gpt-4o' }, false),
    }),
    Response: new ResponseModel({ StatusCode: 200, Headers: new HeaderDictionary(opts.responseHeaders ?? {}) }),
    Api: new ApiInfo({ Id: 'openai', Name: 'Azure OpenAI', Path: 'openai' }),
    Operation: new OperationInfo({ Id: 'chat', Method: 'POST', Name: 'Chat', UrlTemplate: '/deployments/{deployment-id}/chat/completions' }),
    Subscription: new SubscriptionInfo({ Id: 'sub-1', Key: 'k1', Name: 'Starter' }),
    Variables: variables,
  });
}

