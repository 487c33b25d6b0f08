// circuitBreaker of a backend (spec §4.3): one rule, a failure condition with count or percentage within an
// ISO 8601 interval, status code ranges and/or error reasons, a trip duration.
import { parseIsoDuration } from './iso-duration.ts';
import { isObject, show, type Add } from './validate-shape.ts';

export function validateBreaker(breaker: unknown, path: string, add: Add): void {
  if (!isObject(breaker)) return add(path, 'circuitBreaker must be an object with rules');
  const rules = breaker.rules;
  if (!Array.isArray(rules) || rules.length === 0) return add(`${path}.rules`, 'circuitBreaker.rules must hold one rule');
  // "currently only ONE rule supported" [DOC backends.md].
  if (rules.length > 1) add(`${path}.rules`, `a backend supports one circuit breaker rule, got ${rules.length}`);
  rules.forEach((rule: unknown, i) => validateRule(rule, `${path}.rules[${i}]`, add));
}

function validateRule(rule: unknown, path: string, add: Add): void {
  if (!isObject(rule)) return add(path, 'a rule must be an object');
  if (typeof rule.name !== 'string' || rule.name === '') add(`${path}.name`, 'name is required');
  duration(rule.tripDuration, `${path}.tripDuration`, add);
  if (rule.acceptRetryAfter !== undefined && typeof rule.acceptRetryAfter !== 'boolean') add(`${path}.acceptRetryAfter`, 'acceptRetryAfter must be true or false');
  const condition = rule.failureCondition;
  const at = `${path}.failureCondition`;
  if (!isObject(condition)) return add(at, 'failureCondition is required');
  const { count, percentage, statusCodeRanges, errorReasons } = condition;
  if (count === undefined && percentage === undefined) add(at, 'failureCondition needs count or percentage');
  if (count !== undefined && !(Number.isInteger(count) && (count as number) >= 1)) add(`${at}.count`, `count must be a whole number of 1 or more, got ${show(count)}`);
  if (percentage !== undefined && !(typeof percentage === 'number' && percentage > 0 && percentage <= 100)) {
    add(`${at}.percentage`, `percentage must be more than 0 and at most 100, got ${show(percentage)}`);
  }
  duration(condition.interval, `${at}.interval`, add);
  if (statusCodeRanges === undefined && errorReasons === undefined) add(at, 'failureCondition needs statusCodeRanges or errorReasons');
  if (statusCodeRanges !== undefined) {
    if (!Array.isArray(statusCodeRanges)) add(`${at}.statusCodeRanges`, 'statusCodeRanges must be an array of { min, max }');
    else statusCodeRanges.forEach((range: unknown, i) => validateRange(range, `${at}.statusCodeRanges[${i}]`, add));
  }
  if (errorReasons !== undefined && !(Array.isArray(errorReasons) && errorReasons.every((r) => typeof r === 'string'))) {
    add(`${at}.errorReasons`, 'errorReasons must be an array of strings');
  }
}

function validateRange(range: unknown, path: string, add: Add): void {
  if (!isObject(range)) return add(path, 'a status code range must be { min, max }');
  const { min, max } = range;
  const status = (v: unknown): boolean => Number.isInteger(v) && (v as number) >= 100 && (v as number) <= 599;
  if (!status(min)) add(`${path}.min`, `min must be an HTTP status code (100-599), got ${show(min)}`);
  if (!status(max)) add(`${path}.max`, `max must be an HTTP status code (100-599), got ${show(max)}`);
  if (status(min) && status(max) && (min as number) > (max as number)) add(path, `min ${min} is above max ${max}`);
}

function duration(value: unknown, path: string, add: Add): void {
  if (value === undefined) return add(path, 'an ISO 8601 duration is required (e.g. "PT1M")');
  const ms = typeof value === 'string' ? parseIsoDuration(value) : null;
  if (ms === null || ms <= 0) add(path, `must be a positive ISO 8601 duration in weeks, days, hours, minutes or seconds (e.g. "PT30S"), got ${show(value)}`);
}
