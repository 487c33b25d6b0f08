// Convert, Encoding, BitConverter, Guid, Random, Regex, StringBuilder, WebUtility, Uri, StringReader/Writer.
import type { TypeModule } from '../registry.ts';
import { timeTypes } from '../time/index.ts';
import { bitConverterType } from './bit-converter.ts';
import { convertType } from './convert.ts';
import { registerDisplayTypes } from './display.ts';
import { encodingType } from './encoding.ts';
import { guidType } from './guid.ts';
import { randomType } from './random.ts';
import { captureCollectionType, captureType, groupCollectionType, groupType, matchCollectionType, matchType } from './regex/match.ts';
import { regexOptionsType } from './regex/options.ts';
import { regexType } from './regex/regex-decl.ts';
import { stringBuilderType } from './string-builder.ts';
import { stringReaderType, stringWriterType } from './string-io.ts';
import { uriKindType, uriPartialType, uriType } from './uri.ts';
import { webUtilityType } from './web-utility.ts';

export { CsGuid } from './guid.ts';
export { CsStringBuilder } from './string-builder.ts';
export { CsEncoding } from './encoding.ts';
export { displayString } from './display.ts';
export { formatNumber } from './number-text.ts';
export { fromBase64, toBase64 } from './convert.ts';
export { urlEncode, urlDecode, htmlEncode, htmlDecode } from './web-utility.ts';
export { escapeDataString, unescapeDataString } from './uri.ts';

export const textTypes: TypeModule = [
  convertType,
  encodingType,
  bitConverterType,
  guidType,
  randomType,
  regexType,
  regexOptionsType,
  matchType,
  groupType,
  captureType,
  groupCollectionType,
  matchCollectionType,
  captureCollectionType,
  stringBuilderType,
  webUtilityType,
  uriType,
  uriKindType,
  uriPartialType,
  stringReaderType,
  stringWriterType,
];

registerDisplayTypes([...textTypes, ...timeTypes]);
