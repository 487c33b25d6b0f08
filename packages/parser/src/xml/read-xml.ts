// The XML step: fast-xml-parser reads the protected text (element order preserved), and each element of its
// tree is paired with the scanner's start tag at the same place in document order, which gives it positions.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { ScannedTag } from '../scan/scanner.ts';

export interface XmlElement {
  kind: 'element';
  name: string;
  /** Attribute values as XML defines them (entities decoded), in written order. */
  attributes: Map<string, string>;
  children: XmlNode[];
  tag: ScannedTag;
}

export interface XmlText {
  kind: 'text';
  /** Adjacent text and CDATA merged. */
  text: string;
}

export type XmlNode = XmlElement | XmlText;

export type XmlResult =
  | { ok: true; root: XmlElement }
  /** Line and column are in the protected text. */
  | { ok: false; message: string; line: number; column: number };

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  processEntities: true,
  htmlEntities: false,
});

type RawNode = Record<string, unknown>;

export function readXml(text: string, tags: readonly ScannedTag[]): XmlResult {
  const valid = XMLValidator.validate(text);
  if (valid !== true) return { ok: false, message: valid.err.msg, line: valid.err.line, column: valid.err.col };
  const raw = parser.parse(text) as RawNode[];
  let cursor = 0;

  const convert = (nodes: RawNode[]): XmlNode[] => {
    const result: XmlNode[] = [];
    for (const node of nodes) {
      if ('#text' in node) {
        const t = String(node['#text']);
        const prev = result[result.length - 1];
        if (prev?.kind === 'text') prev.text += t;
        else result.push({ kind: 'text', text: t });
        continue;
      }
      const name = Object.keys(node).find((k) => k !== ':@');
      if (name === undefined) continue;
      const tag = tags[cursor++];
      if (tag === undefined || tag.name !== name) {
        throw new Error(`internal: XML element <${name}> does not match scanned tag <${tag?.name ?? '(none)'}>`);
      }
      const attrs = (node[':@'] ?? {}) as Record<string, unknown>;
      const attributes = new Map<string, string>();
      // Written order comes from the scanner; fast-xml-parser's object keeps it too, but be explicit.
      for (const a of tag.attributes) if (a.name in attrs) attributes.set(a.name, String(attrs[a.name]));
      for (const [k, v] of Object.entries(attrs)) if (!attributes.has(k)) attributes.set(k, String(v));
      result.push({ kind: 'element', name, attributes, children: convert(node[name] as RawNode[]), tag });
    }
    return result;
  };

  const top = convert(raw).filter((n): n is XmlElement => n.kind === 'element');
  const root = top[0];
  if (root === undefined) return { ok: false, message: 'no root element', line: 1, column: 1 };
  return { ok: true, root };
}
