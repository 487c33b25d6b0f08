// Newtonsoft.Json as expressions see it: the token tree, JTokenType, Formatting and JsonConvert.
import type { TypeModule } from '../registry.ts';
import { jArrayDecl, jContainerDecl, jObjectDecl, jPropertyDecl, jTokenDecl, jValueDecl } from './token-decls.ts';
import { formattingDecl, jTokenTypeDecl } from './enum-decls.ts';
import { jsonConvertDecl } from './json-convert.ts';

export const jsonTypes: TypeModule = [
  jObjectDecl,
  jArrayDecl,
  jPropertyDecl,
  jValueDecl,
  jContainerDecl,
  jTokenDecl,
  jTokenTypeDecl,
  formattingDecl,
  jsonConvertDecl,
];

export { JArray, JContainer, JObject, JProperty, JToken, JValue } from './tokens.ts';
export { JTokenType, Formatting, CsEnumValue } from './enum-value.ts';
export { parseJson } from './parse.ts';
export { writeToken, NEWLINE } from './write.ts';
export { fromObject, toJValue } from './from-value.ts';
export { explicitConvert, valueAs, toObject } from './convert.ts';
