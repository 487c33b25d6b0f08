// Failures of a backend call, with the `context.LastError.Reason` values APIM uses (spec §3.6, §5.1).

export type ForwardErrorReason = 'Timeout' | 'BackendConnectionFailure' | 'ClientConnectionFailure';

export class ForwardError extends Error {
  constructor(
    readonly reason: ForwardErrorReason,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ForwardError';
  }
}

/** Any error met while talking to a backend, as a ForwardError (already-typed errors pass through). */
export function toForwardError(error: unknown): ForwardError {
  if (error instanceof ForwardError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const text = error instanceof Error ? error.message : String(error);
  const detail = code ? `${code}: ${text}` : text;
  if (code === 'ETIMEDOUT') return new ForwardError('Timeout', `backend connection timed out (${detail})`, { cause: error });
  return new ForwardError('BackendConnectionFailure', `backend connection failed (${detail})`, { cause: error });
}

export function clientAborted(): ForwardError {
  return new ForwardError('ClientConnectionFailure', 'the client closed the connection before the response was complete');
}
