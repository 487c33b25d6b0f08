// System.DateTime as a value: milliseconds since 0001-01-01 plus the 0..9999 ticks below a millisecond.
//
// Why not one tick count: .NET ticks (100 ns since 0001-01-01) reach 3.2e18, past 2^53, so a JS number
// cannot hold them exactly. ms (at most 3.2e14) and sub-ms ticks keep every DateTime exact; only the
// `Ticks` property, a double, is rounded (to a multiple of 128 ticks for present-day dates, i.e. 12.8 µs).
import { ExpressionError } from '../registry.ts';
import { MAX_MS, TICKS_PER_MS, UNIX_EPOCH_MS, fromCivil, isValidDate } from './calendar.ts';
import { getNow } from './clock.ts';
import { canon } from '../int64.ts';

/** DateTimeKind values, as .NET numbers them. */
export const KIND_UNSPECIFIED = 0;
export const KIND_UTC = 1;
export const KIND_LOCAL = 2;
export type DateTimeKind = 0 | 1 | 2;

export class CsDateTime {
  constructor(
    /** Milliseconds since 0001-01-01T00:00:00, an integer in [0, MAX_MS]. */
    readonly ms: number,
    /** Ticks below the millisecond, an integer in [0, 9999]. */
    readonly sub: number,
    readonly kind: DateTimeKind,
  ) {}

  /** Ticks as a double: exact below 2^53, rounded above (see the file comment); for date arithmetic. */
  get ticks(): number {
    return this.ms * TICKS_PER_MS + this.sub;
  }

  /** Ticks exactly, as the `Ticks` property gives them: a long (a BigInt past 2^53, as present-day dates are). */
  get exactTicks(): number | bigint {
    return canon(BigInt(this.ms) * 10_000n + BigInt(this.sub));
  }

  /** Unix milliseconds of the clock reading (kind ignored; the gateway's local zone is UTC). */
  get unixMs(): number {
    return this.ms - UNIX_EPOCH_MS;
  }

  withKind(kind: DateTimeKind): CsDateTime {
    return new CsDateTime(this.ms, this.sub, kind);
  }
}

export const MIN_VALUE = new CsDateTime(0, 0, KIND_UNSPECIFIED);
export const MAX_VALUE = new CsDateTime(MAX_MS, 9999, KIND_UNSPECIFIED);

function outOfRange(message: string): never {
  throw new ExpressionError(message, message.startsWith('String ') ? 'FormatException' : 'ArgumentOutOfRangeException');
}

/** A DateTime from whole milliseconds and sub-ms ticks that may be out of their normal ranges. */
export function normalize(ms: number, sub: number, kind: DateTimeKind, message = 'The added or subtracted value results in an un-representable DateTime. (Parameter \'value\')'): CsDateTime {
  const carry = Math.floor(sub / TICKS_PER_MS);
  ms += carry;
  sub -= carry * TICKS_PER_MS;
  if (!Number.isFinite(ms) || ms < 0 || ms > MAX_MS) outOfRange(message);
  return new CsDateTime(ms, Math.round(sub), kind);
}

/** `new DateTime(ticks[, kind])`. */
export function fromTicks(ticks: number | bigint, kind: DateTimeKind = KIND_UNSPECIFIED): CsDateTime {
  if (typeof ticks === 'bigint') {
    if (ticks < 0n || ticks > 3_155_378_975_999_999_999n) outOfRange('Ticks must be between DateTime.MinValue.Ticks and DateTime.MaxValue.Ticks. (Parameter \'ticks\')');
    return normalize(Number(ticks / 10_000n), Number(ticks % 10_000n), kind);
  }
  if (!Number.isFinite(ticks) || ticks < 0 || ticks > MAX_VALUE.ticks) {
    outOfRange('Ticks must be between DateTime.MinValue.Ticks and DateTime.MaxValue.Ticks. (Parameter \'ticks\')');
  }
  const ms = Math.floor(ticks / TICKS_PER_MS);
  return normalize(ms, ticks - ms * TICKS_PER_MS, kind);
}

/** `new DateTime(y, M, d[, h, m, s[, ms]][, kind])`. */
export function fromParts(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, milli = 0, kind: DateTimeKind = KIND_UNSPECIFIED): CsDateTime {
  if (!isValidDate(y, mo, d)) outOfRange('Year, Month, and Day parameters describe an un-representable DateTime.');
  if (![h, mi, s, milli].every(Number.isInteger) || h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 59) {
    outOfRange('Hour, Minute, and Second parameters describe an un-representable DateTime.');
  }
  if (milli < 0 || milli > 999) outOfRange('Valid values are between 0 and 999, inclusive. (Parameter \'millisecond\')');
  return new CsDateTime(fromCivil(y, mo, d, h, mi, s, milli), 0, kind);
}

/** DateTime at a Unix millisecond reading (fractional ms become sub-ms ticks). */
export function fromUnixMs(unixMs: number, kind: DateTimeKind): CsDateTime {
  const whole = Math.floor(unixMs);
  return normalize(whole + UNIX_EPOCH_MS, Math.round((unixMs - whole) * TICKS_PER_MS), kind);
}

/** DateTime.UtcNow from the injectable clock. */
export function utcNow(): CsDateTime {
  return fromUnixMs(getNow(), KIND_UTC);
}

/** Add a (possibly fractional, possibly negative) number of ticks; .NET truncates below one tick. */
export function addTicks(dt: CsDateTime, ticks: number): CsDateTime {
  if (!Number.isFinite(ticks)) outOfRange('The added or subtracted value results in an un-representable DateTime. (Parameter \'value\')');
  const t = Math.trunc(ticks);
  const ms = Math.trunc(t / TICKS_PER_MS);
  return normalize(dt.ms + ms, dt.sub + (t - ms * TICKS_PER_MS), dt.kind);
}

/** a - b in ticks (exact while the difference stays below 2^53 ticks, about 28 years). */
export function diffTicks(a: CsDateTime, b: CsDateTime): number {
  return (a.ms - b.ms) * TICKS_PER_MS + (a.sub - b.sub);
}

export function compareDateTime(a: CsDateTime, b: CsDateTime): number {
  return a.ms !== b.ms ? (a.ms < b.ms ? -1 : 1) : a.sub === b.sub ? 0 : a.sub < b.sub ? -1 : 1;
}
