// A start or reload error with the configuration's secrets shown as `{{name}}` (see config/secrets.ts).
import { ConfigError } from '../config/config-error.ts';
import type { SecretRedactor } from '../config/secrets.ts';
import { PolicyLoadError } from './policy-loader.ts';

export function redactedError(error: unknown, secrets: SecretRedactor): unknown {
  if (secrets.empty) return error;
  if (error instanceof ConfigError) return new ConfigError(error.file, error.issues.map((issue) => ({ ...issue, message: secrets.redact(issue.message) })));
  if (error instanceof PolicyLoadError) return new PolicyLoadError(error.problems.map((problem) => secrets.redact(problem)));
  if (error instanceof Error) error.message = secrets.redact(error.message);
  return error;
}
