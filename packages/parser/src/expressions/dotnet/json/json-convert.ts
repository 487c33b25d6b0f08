// JsonConvert: SerializeObject and DeserializeObject only (APIM's allow-list).
import { method } from '../registry.ts';
import type { TypeDecl } from '../registry.ts';
import { CsEnumValue, Formatting } from './enum-value.ts';
import { fromObject, toJValue } from './from-value.ts';
import { parseJson } from './parse.ts';
import { toObject } from './convert.ts';
import { JValue } from './tokens.ts';
import { writeToken } from './write.ts';

export const jsonConvertDecl: TypeDecl = {
  name: 'JsonConvert',
  aliases: ['Newtonsoft.Json.JsonConvert'],
  static: {
    // SerializeObject(value) is compact; a Formatting argument may ask for indentation; settings are ignored.
    SerializeObject: method('string', [1, 3], (_s, [v, f], inv) => {
      inv.guard.step();
      const indented = f instanceof CsEnumValue && f === Formatting.Indented;
      // A number keeps its static type: SerializeObject(1.0) is "1.0", SerializeObject(1) is "1".
      return writeToken(typeof v === 'number' ? toJValue(v, inv.argTypes[0]) : fromObject(v), indented);
    }),
    // DeserializeObject(json) gives JObject/JArray for containers and the plain value otherwise;
    // DeserializeObject<T>(json) converts as ToObject<T> does.
    DeserializeObject: method((_r, t) => t[0] ?? 'object', [1, 2], (_s, [json], inv) => {
      if (json === null) return null;
      const token = parseJson(json, 'JToken', inv.guard);
      const target = inv.typeArgs[0];
      if (target) return toObject(token, target);
      return token instanceof JValue ? token.value : token;
    }),
  },
};
