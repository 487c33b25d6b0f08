// XML → JSON as xml-to-json does it (spec §3.9, T24, T48). [TOOLKIT] Microsoft's policy toolkit emulates both kinds
// with Json.NET; apimx follows it, as the docs do not spell the shapes out:
// - direct: Json.NET's SerializeXNode: {"?xml": {"@version": ...}, "root": ...}; an element with neither attributes
//   nor children is null when written <a/> and "" when written <a></a>; with only text it is that text; otherwise an
//   object of "@attribute" values, then its children grouped by name in first-seen order ("#text",
//   "#cdata-section", "#comment" for the others), a group of several becoming an array.
// - javascript-friendly: the same, then without the declaration and xmlns attributes, attributes without "@",
//   "#text" → "$text", "#cdata-section" → "$cdata", "#comment" → "$comment", and ':' in names → '_'.
// - always-array-child-elements: every child element's value is an array, even a single one.
import type { XmlContent, XmlDocumentTree, XmlElementNode } from './xml-tree.ts';
import { XmlBodyError } from './xml-tree.ts';

type Json = null | string | Json[] | { [key: string]: Json };

export interface XmlToJsonOptions {
  kind: 'direct' | 'javascript-friendly';
  alwaysArrayChildElements: boolean;
}

export function xmlToJson(document: XmlDocumentTree, options: XmlToJsonOptions): Json {
  const out: Record<string, Json> = {};
  if (document.declaration) out['?xml'] = Object.fromEntries(document.declaration.map(([name, value]) => [`@${name}`, value]));
  out[document.root.name] = elementValue(document.root);
  if (options.alwaysArrayChildElements) forceChildArrays(out, false);
  return options.kind === 'javascript-friendly' ? friendly(out) : out;
}

function elementValue(element: XmlElementNode): Json {
  const { attributes, children } = element;
  if (attributes.length === 0) {
    if (children.length === 0) return element.selfClosing ? null : '';
    if (children.length === 1 && children[0]!.kind === 'text') return children[0]!.text;
  }
  const out: Record<string, Json> = {};
  for (const [name, value] of attributes) out[`@${name}`] = value;
  const groups = new Map<string, Json[]>();
  for (const child of children) {
    const key = keyOf(child);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = []));
    group.push(child.kind === 'element' ? elementValue(child) : child.text);
  }
  for (const [key, values] of groups) out[key] = values.length === 1 ? values[0]! : values;
  return out;
}

function keyOf(child: XmlContent): string {
  switch (child.kind) {
    case 'element':
      return child.name;
    case 'text':
      return '#text';
    case 'cdata':
      return '#cdata-section';
    case 'comment':
      return '#comment';
  }
}

/** Toolkit's ForceChildArrays: below the document, every element-named property holds an array. */
function forceChildArrays(token: Json, isElement: boolean): void {
  if (Array.isArray(token)) {
    for (const item of token) forceChildArrays(item, true);
    return;
  }
  if (token === null || typeof token !== 'object') return;
  for (const [name, value] of Object.entries(token)) {
    if (name.startsWith('@') || name.startsWith('#') || name.startsWith('?')) continue;
    forceChildArrays(value, true);
    if (isElement && !Array.isArray(value)) token[name] = [value];
  }
}

const FRIENDLY_NAMES: Readonly<Record<string, string>> = { '#text': '$text', '#cdata-section': '$cdata', '#comment': '$comment' };

function friendly(token: Json): Json {
  if (Array.isArray(token)) return token.map(friendly);
  if (token === null || typeof token !== 'object') return token;
  const out: Record<string, Json> = {};
  for (const [name, value] of Object.entries(token)) {
    if (name.startsWith('?') || name === '@xmlns' || name.startsWith('@xmlns:')) continue;
    const renamed = FRIENDLY_NAMES[name] ?? (name.startsWith('@') ? name.slice(1) : name).replaceAll(':', '_');
    if (Object.hasOwn(out, renamed)) throw new XmlBodyError(`javascript-friendly conversion gives the property "${renamed}" twice`);
    out[renamed] = friendly(value);
  }
  return out;
}
