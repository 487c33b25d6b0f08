// DateTime, DateTimeOffset, TimeSpan and their enums.
import type { TypeModule } from '../registry.ts';
import { dateTimeType } from './date-time-decl.ts';
import { dateTimeOffsetType } from './date-time-offset.ts';
import { cultureInfoType, dateTimeKindType, dateTimeStylesType, dayOfWeekType } from './enums.ts';
import { timeSpanType } from './time-span-decl.ts';

export { getNow, setClock, type Clock } from './clock.ts';
export { CsDateTime, KIND_LOCAL, KIND_UNSPECIFIED, KIND_UTC, fromParts, fromUnixMs, utcNow } from './date-time.ts';
export { CsDateTimeOffset } from './date-time-offset.ts';
export { CsTimeSpan, spanOf, formatTimeSpan, parseTimeSpan } from './time-span.ts';
export { formatDateTime, parseDateTime, tryParseDateTime } from './date-time-text.ts';
export { enumType } from './enum-type.ts';

export const timeTypes: TypeModule = [
  dateTimeType,
  dateTimeOffsetType,
  timeSpanType,
  dayOfWeekType,
  dateTimeKindType,
  dateTimeStylesType,
  cultureInfoType,
];
