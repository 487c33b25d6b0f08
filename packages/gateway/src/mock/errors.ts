// OpenAI-shaped error bodies: {"error": {"message", "type", "param", "code"}}.

export interface ErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

export function errorBody(message: string, type: string, code: string | null = null, param: string | null = null): ErrorBody {
  return { error: { message, type, param, code } };
}

/** The body OpenAI sends for a status, used for scripted failures. */
export function failureBody(status: number, message?: string): ErrorBody {
  switch (status) {
    case 429:
      return errorBody(message ?? 'Rate limit reached for requests (mock backend). Please try again later.', 'requests', 'rate_limit_exceeded');
    case 401:
      return errorBody(message ?? 'Incorrect API key provided.', 'invalid_request_error', 'invalid_api_key');
    case 400:
      return errorBody(message ?? 'Bad request (mock backend).', 'invalid_request_error');
    case 404:
      return errorBody(message ?? 'Not found (mock backend).', 'invalid_request_error', 'not_found');
    case 503:
      return errorBody(message ?? 'The engine is currently overloaded, please try again later.', 'server_error', 'overloaded');
    default:
      return status >= 500
        ? errorBody(message ?? 'The server had an error while processing your request. Sorry about that!', 'server_error')
        : errorBody(message ?? `Mock failure with status ${status}.`, 'invalid_request_error');
  }
}
