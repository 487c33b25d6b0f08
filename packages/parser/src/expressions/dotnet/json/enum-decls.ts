// TypeDecls of the enums JTokenType and Formatting.
import { method, property } from '../registry.ts';
import type { TypeDecl } from '../registry.ts';
import { CsEnumValue, Formatting, JTokenType } from './enum-value.ts';

function enumDecl(name: string, members: Record<string, CsEnumValue>, alias: string): TypeDecl {
  return {
    name,
    aliases: [alias],
    is: (v) => v instanceof CsEnumValue && v.enumName === name,
    static: Object.fromEntries(Object.entries(members).map(([k, v]) => [k, property(name, () => v)])),
    instance: {
      ToString: method('string', [0, 1], (s) => (s as CsEnumValue).name),
    },
    convertTo: (self, target) => {
      if (target === 'int' || target === 'long') return (self as CsEnumValue).value;
      if (target === 'string') return (self as CsEnumValue).name;
      return self;
    },
    toString: (self) => (self as CsEnumValue).name,
    compare: (a, b) => (a as CsEnumValue).value - (b as CsEnumValue).value,
  };
}

export const jTokenTypeDecl = enumDecl('JTokenType', JTokenType, 'Newtonsoft.Json.Linq.JTokenType');
export const formattingDecl = enumDecl('Formatting', Formatting, 'Newtonsoft.Json.Formatting');
