// The Newtonsoft.Json.Linq token tree: JToken, JValue, JContainer, JArray, JObject, JProperty.
// One file because the classes refer to each other as parent and children.
import { ExpressionError } from '../registry.ts';
import type { CsComparable, CsValue } from '../collections/equality.ts';
import { compareStringsCulture } from '../collections/equality.ts';
import { foreignDeclOf } from '../collections/foreign.ts';
import type { JTokenTypeName } from './enum-value.ts';

export type ValueKind = Extract<JTokenTypeName,
  'Integer' | 'Float' | 'String' | 'Boolean' | 'Null' | 'Undefined' | 'Date' | 'Bytes' | 'Guid' | 'Uri' | 'TimeSpan' | 'Raw' | 'Comment'>;

export abstract class JToken implements Iterable<JToken> {
  parent: JContainer | null = null;
  abstract get type(): JTokenTypeName;
  abstract clone(): JToken;
  /** The direct children (JProperty's child is its value). */
  children(): JToken[] {
    return [];
  }
  [Symbol.iterator](): Iterator<JToken> {
    return this.children()[Symbol.iterator]();
  }
  get root(): JToken {
    let t: JToken = this;
    while (t.parent) t = t.parent;
    return t;
  }
  /** The JSONPath of this token from its root, as Newtonsoft's Path gives it ('a.b[0]', "['x y']"). */
  get path(): string {
    const parts: string[] = [];
    let t: JToken = this;
    while (t.parent) {
      const p: JContainer = t.parent;
      if (p instanceof JArray) parts.unshift(`[${p.items.indexOf(t)}]`);
      else if (t instanceof JProperty) parts.unshift(pathName(t.name, parts.length === 0 && !t.parent?.parent));
      t = p;
    }
    return parts.join('').replace(/^\./, '');
  }
}

function pathName(name: string, _first: boolean): string {
  return /^[A-Za-z0-9_$-]+$/.test(name) ? '.' + name : `['${name.replace(/'/g, "\\'")}']`;
}

export class JValue extends JToken implements CsValue, CsComparable {
  static dotnetName = 'Newtonsoft.Json.Linq.JValue';
  constructor(public kind: ValueKind, public value: unknown) {
    super();
  }
  get type(): JTokenTypeName {
    return this.kind;
  }
  clone(): JValue {
    return new JValue(this.kind, this.value);
  }
  csEquals(other: unknown): boolean {
    return other instanceof JValue && valueEquals(this, other);
  }
  csHash(): string {
    if (this.value === null) return 'jv:null';
    if (typeof this.value === 'object') return 'jv:' + this.kind + ':' + String(foreignDeclOf(this.value)?.toString?.(this.value) ?? '');
    return 'jv:' + typeof this.value + ':' + String(this.value);
  }
  csCompare(other: unknown): number {
    if (!(other instanceof JValue)) return 1;
    return compareValues(this, other);
  }
}

function isNumberKind(k: ValueKind): boolean {
  return k === 'Integer' || k === 'Float';
}

/** JValue.Equals: numbers across Integer/Float, strings ordinal, null with null. */
export function valueEquals(a: JValue, b: JValue): boolean {
  if (a.value === null || b.value === null) return a.value === null && b.value === null;
  if (isNumberKind(a.kind) && isNumberKind(b.kind)) return a.value === b.value;
  if (a.kind !== b.kind) return false;
  if (typeof a.value === 'object') {
    const d = foreignDeclOf(a.value);
    return d?.equals ? d.equals(a.value, b.value) : a.value === b.value;
  }
  return a.value === b.value;
}

/** JValue.CompareTo. Strings compare by culture, as Newtonsoft does (string.CompareOrdinal is not used). */
export function compareValues(a: JValue, b: JValue): number {
  if (a.value === null) return b.value === null ? 0 : -1;
  if (b.value === null) return 1;
  const x = a.value;
  const y = b.value;
  if (typeof x === 'number' && typeof y === 'number') return x < y ? -1 : x > y ? 1 : 0;
  if (typeof x === 'string' && typeof y === 'string') return compareStringsCulture(x, y);
  if (typeof x === 'boolean' && typeof y === 'boolean') return x === y ? 0 : x ? 1 : -1;
  const d = foreignDeclOf(x);
  if (d?.compare) return d.compare(x, y);
  throw new ExpressionError(`Object must be of type ${a.kind}.`);
}

export abstract class JContainer extends JToken {
  abstract override children(): JToken[];
  /** Inserts a token as a child, cloning it when it already belongs to another tree (as Newtonsoft does). */
  protected adopt(t: JToken): JToken {
    const token = t.parent !== null || t === this.root ? t.clone() : t;
    token.parent = this;
    return token;
  }
  get first(): JToken | null {
    return this.children()[0] ?? null;
  }
  get last(): JToken | null {
    const c = this.children();
    return c[c.length - 1] ?? null;
  }
}

export class JArray extends JContainer {
  static dotnetName = 'Newtonsoft.Json.Linq.JArray';
  readonly items: JToken[] = [];
  get type(): JTokenTypeName {
    return 'Array';
  }
  children(): JToken[] {
    return this.items;
  }
  clone(): JArray {
    const a = new JArray();
    for (const t of this.items) a.push(t);
    return a;
  }
  push(t: JToken): void {
    this.items.push(this.adopt(t));
  }
  insert(i: number, t: JToken): void {
    this.items.splice(i, 0, this.adopt(t));
  }
  setAt(i: number, t: JToken): void {
    const old = this.items[i];
    if (old === t) return;
    if (old) old.parent = null;
    this.items[i] = this.adopt(t);
  }
  removeAt(i: number): void {
    const [old] = this.items.splice(i, 1);
    if (old) old.parent = null;
  }
}

export class JProperty extends JContainer {
  static dotnetName = 'Newtonsoft.Json.Linq.JProperty';
  private _value: JToken;
  constructor(readonly name: string, value: JToken) {
    super();
    this._value = this.adopt(value);
  }
  get type(): JTokenTypeName {
    return 'Property';
  }
  get value(): JToken {
    return this._value;
  }
  set value(v: JToken) {
    if (v === this._value) return;
    this._value.parent = null;
    this._value = this.adopt(v);
  }
  children(): JToken[] {
    return [this._value];
  }
  clone(): JProperty {
    return new JProperty(this.name, this._value);
  }
}

export class JObject extends JContainer {
  static dotnetName = 'Newtonsoft.Json.Linq.JObject';
  private readonly props: JProperty[] = [];
  private readonly byName = new Map<string, JProperty>();
  get type(): JTokenTypeName {
    return 'Object';
  }
  children(): JToken[] {
    return this.props;
  }
  properties(): JProperty[] {
    return this.props;
  }
  get count(): number {
    return this.props.length;
  }
  clone(): JObject {
    const o = new JObject();
    for (const p of this.props) o.addProperty(p);
    return o;
  }
  property(name: string): JProperty | null {
    return this.byName.get(name) ?? null;
  }
  get(name: string): JToken | null {
    return this.byName.get(name)?.value ?? null;
  }
  /** JObject.Add(JProperty): a duplicate name is an error. */
  addProperty(p: JProperty): void {
    if (this.byName.has(p.name)) {
      throw new ExpressionError(`Can not add property ${p.name} to Newtonsoft.Json.Linq.JObject. Property with the same name already exists on object.`, 'ArgumentException');
    }
    const prop = this.adopt(p) as JProperty;
    this.props.push(prop);
    this.byName.set(prop.name, prop);
  }
  /** The indexer setter: replaces the value in place, or appends a new property. */
  set(name: string, value: JToken): void {
    const existing = this.byName.get(name);
    if (existing) existing.value = value;
    else this.addProperty(new JProperty(name, value));
  }
  remove(name: string): boolean {
    const p = this.byName.get(name);
    if (!p) return false;
    this.byName.delete(name);
    this.props.splice(this.props.indexOf(p), 1);
    p.parent = null;
    return true;
  }
  /** Replaces one property token by another (JProperty.Replace). */
  replaceProperty(old: JProperty, next: JProperty): void {
    const i = this.props.indexOf(old);
    if (i < 0) return;
    if (next.name !== old.name && this.byName.has(next.name)) {
      throw new ExpressionError(`Can not add property ${next.name} to Newtonsoft.Json.Linq.JObject. Property with the same name already exists on object.`, 'ArgumentException');
    }
    const prop = this.adopt(next) as JProperty;
    this.byName.delete(old.name);
    old.parent = null;
    this.props[i] = prop;
    this.byName.set(prop.name, prop);
  }
  clear(): void {
    for (const p of this.props) p.parent = null;
    this.props.length = 0;
    this.byName.clear();
  }
}

/** JToken.DeepEquals. */
export function deepEquals(a: JToken | null, b: JToken | null): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  if (a instanceof JValue) return b instanceof JValue && (a.kind === b.kind || (isNumberKind(a.kind) && isNumberKind(b.kind))) && valueEquals(a, b);
  if (a instanceof JProperty) return b instanceof JProperty && a.name === b.name && deepEquals(a.value, b.value);
  if (a instanceof JArray) return b instanceof JArray && a.items.length === b.items.length && a.items.every((t, i) => deepEquals(t, b.items[i]!));
  if (a instanceof JObject) {
    if (!(b instanceof JObject) || a.count !== b.count) return false;
    return a.properties().every((p) => deepEquals(p.value, b.get(p.name)));
  }
  return false;
}

export function isJToken(v: unknown): v is JToken {
  return v instanceof JToken;
}
