// Operations shared by every token declaration: the indexer, ToString, tree edits (Remove, Replace, Merge).
import { ExpressionError } from '../registry.ts';
import { JArray, JContainer, JObject, JProperty, JToken, JValue } from './tokens.ts';
import { CsEnumValue, Formatting } from './enum-value.ts';
import { fromContent } from './from-value.ts';
import { rawToString } from './convert.ts';
import { writeToken } from './write.ts';
import { INDEX_OUT_OF_RANGE } from '../collections/list.ts';

function quoteKey(k: unknown): string {
  return typeof k === 'string' ? `"${k}"` : String(k);
}

function dotnetName(t: JToken): string {
  return (t.constructor as unknown as { dotnetName: string }).dotnetName;
}

/** token[key]: JObject by name, JArray by index; null for a missing property. */
export function indexGet(self: JToken, key: unknown): JToken | null {
  if (self instanceof JObject) {
    if (typeof key !== 'string') {
      throw new ExpressionError(`Accessed JObject values with invalid key value: ${quoteKey(key)}. Object property name expected.`, 'ArgumentException');
    }
    return self.get(key);
  }
  if (self instanceof JArray) {
    if (typeof key !== 'number') {
      throw new ExpressionError(`Accessed JArray values with invalid key value: ${quoteKey(key)}. Int32 array index expected.`, 'ArgumentException');
    }
    const t = self.items[key];
    if (!Number.isInteger(key) || key < 0 || t === undefined) throw new ExpressionError(INDEX_OUT_OF_RANGE, 'ArgumentOutOfRangeException');
    return t;
  }
  throw new ExpressionError(`Cannot access child value on ${dotnetName(self)}.`, 'InvalidOperationException');
}

export function indexSet(self: JToken, key: unknown, value: unknown, staticType?: string): void {
  const token = fromContent(value, staticType);
  if (self instanceof JObject) {
    if (typeof key !== 'string') {
      throw new ExpressionError(`Set JObject values with invalid key value: ${quoteKey(key)}. Object property name expected.`, 'ArgumentException');
    }
    self.set(key, token);
    return;
  }
  if (self instanceof JArray) {
    if (typeof key !== 'number') {
      throw new ExpressionError(`Set JArray values with invalid key value: ${quoteKey(key)}. Int32 array index expected.`, 'ArgumentException');
    }
    if (!Number.isInteger(key) || key < 0 || key >= self.items.length) throw new ExpressionError(INDEX_OUT_OF_RANGE, 'ArgumentOutOfRangeException');
    self.setAt(key, token);
    return;
  }
  throw new ExpressionError(`Cannot set child value on ${dotnetName(self)}.`, 'InvalidOperationException');
}

/** ToString(): JValue gives its value's text; other tokens indented JSON. ToString(Formatting) always JSON. */
export function tokenToString(self: JToken, formatting?: unknown): string {
  if (formatting instanceof CsEnumValue) return writeToken(self, formatting === Formatting.Indented);
  if (self instanceof JValue) return rawToString(self.kind, self.value) ?? '';
  return writeToken(self, true);
}

function parentOf(self: JToken): JContainer {
  if (!self.parent) throw new ExpressionError('The parent is missing.', 'InvalidOperationException');
  return self.parent;
}

/** JToken.Remove(): detaches a token from its parent (a property's value cannot be removed alone). */
export function removeSelf(self: JToken): void {
  const p = parentOf(self);
  if (p instanceof JObject && self instanceof JProperty) p.remove(self.name);
  else if (p instanceof JArray) p.removeAt(p.items.indexOf(self));
  else throw new ExpressionError(`Cannot add or remove items from ${dotnetName(p)}.`, 'InvalidOperationException');
}

/** JToken.Replace(value). */
export function replaceSelf(self: JToken, value: unknown): void {
  const p = parentOf(self);
  const next = fromContent(value);
  if (p instanceof JProperty) p.value = next;
  else if (p instanceof JArray) p.setAt(p.items.indexOf(self), next);
  else if (p instanceof JObject && self instanceof JProperty) {
    if (!(next instanceof JProperty)) throw new ExpressionError(`Can not add ${dotnetName(next)} to Newtonsoft.Json.Linq.JObject.`, 'ArgumentException');
    p.replaceProperty(self, next);
  }
}

/** AddAfterSelf / AddBeforeSelf, for items of arrays and properties of objects. */
export function addBesideSelf(self: JToken, content: unknown, after: boolean): void {
  const p = parentOf(self);
  const token = fromContent(content);
  if (p instanceof JArray) {
    p.insert(p.items.indexOf(self) + (after ? 1 : 0), token);
    return;
  }
  if (p instanceof JObject && token instanceof JProperty && self instanceof JProperty) {
    const props = [...p.properties()];
    const at = props.indexOf(self) + (after ? 1 : 0);
    p.clear();
    props.splice(at, 0, token);
    for (const x of props) p.addProperty(x);
    return;
  }
  throw new ExpressionError(`Cannot add or remove items from ${dotnetName(p)}.`, 'InvalidOperationException');
}

export function siblings(self: JToken): JToken[] {
  return self.parent ? self.parent.children() : [];
}

/** JContainer.Merge with Newtonsoft's defaults: objects merge recursively, arrays concatenate, a null
 *  value is ignored, anything else replaces. */
export function merge(target: JContainer, content: unknown): void {
  const source = content instanceof JToken ? content : null;
  if (!source) return;
  if (target instanceof JObject && source instanceof JObject) {
    for (const p of source.properties()) {
      const existing = target.get(p.name);
      if (existing instanceof JContainer && p.value instanceof JContainer && existing.type === p.value.type) merge(existing, p.value);
      else if (p.value instanceof JValue && p.value.kind === 'Null' && existing) continue;
      else target.set(p.name, p.value);
    }
  } else if (target instanceof JArray && source instanceof JArray) {
    for (const t of source.items) target.push(t);
  }
}

export function descendants(t: JToken): JToken[] {
  const out: JToken[] = [];
  const walk = (x: JToken): void => {
    for (const c of x.children()) {
      out.push(c);
      walk(c);
    }
  };
  walk(t);
  return out;
}
