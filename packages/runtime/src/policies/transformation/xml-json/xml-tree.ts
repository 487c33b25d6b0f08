// An XML body read into a small tree for xml-to-json: elements (attributes in order, whether written `<a/>`),
// text, CDATA and comments. Whitespace-only text is dropped (as an XmlReader with IgnoreWhitespace does), a DTD
// is refused (no entity expansion from the body), and the five XML entities and character references are decoded.
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export interface XmlElementNode {
  kind: 'element';
  name: string;
  attributes: readonly (readonly [string, string])[];
  children: readonly XmlContent[];
  /** Written `<a/>` rather than `<a></a>` (Json.NET tells them apart: null vs ""). */
  selfClosing: boolean;
}

export type XmlContent = XmlElementNode | { kind: 'text' | 'cdata' | 'comment'; text: string };

export interface XmlDocumentTree {
  /** The `<?xml ...?>` declaration's attributes, or null. */
  declaration: readonly (readonly [string, string])[] | null;
  root: XmlElementNode;
}

export class XmlBodyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XmlBodyError';
  }
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  // Processing instructions are read (the declaration among them) and then skipped, but for the declaration.
  ignoreDeclaration: false,
  processEntities: false,
  cdataPropName: '#cdata',
  commentPropName: '#comment',
  captureMetaData: true,
});
const META = XMLParser.getMetaDataSymbol() as unknown as string;

type RawNode = Record<string, unknown>;

export function readXmlTree(text: string): XmlDocumentTree {
  if (/<!DOCTYPE/i.test(text)) throw new XmlBodyError('the XML body has a DTD (<!DOCTYPE>), which is not accepted');
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new XmlBodyError(`the body is not well-formed XML: ${valid.err.msg} (line ${valid.err.line}, column ${valid.err.col})`);
  const nodes = parser.parse(text) as RawNode[];
  let declaration: XmlDocumentTree['declaration'] = null;
  let root: XmlElementNode | null = null;
  for (const node of nodes) {
    const name = nameOf(node);
    if (name === '?xml') declaration = attributesOf(node);
    else if (!name.startsWith('#') && !name.startsWith('?')) {
      if (root) throw new XmlBodyError('the XML body has more than one root element');
      root = element(node, name, text);
    }
  }
  if (!root) throw new XmlBodyError('the XML body has no root element');
  return { declaration, root };
}

function element(node: RawNode, name: string, source: string): XmlElementNode {
  const children: XmlContent[] = [];
  for (const child of node[name] as RawNode[]) {
    const childName = nameOf(child);
    if (childName === '#text') {
      const value = decode(String(child['#text']));
      if (value.trim() !== '') children.push({ kind: 'text', text: value });
    } else if (childName === '#cdata') children.push({ kind: 'cdata', text: innerText(child['#cdata']) });
    else if (childName === '#comment') children.push({ kind: 'comment', text: innerText(child['#comment']) });
    else if (!childName.startsWith('?')) children.push(element(child, childName, source));
  }
  const meta = node[META] as { startIndex?: number; endIndex?: number } | undefined;
  const selfClosing = children.length === 0 && meta?.endIndex !== undefined && source.slice(meta.endIndex - 2, meta.endIndex) === '/>';
  return { kind: 'element', name, attributes: attributesOf(node), children, selfClosing };
}

function nameOf(node: RawNode): string {
  return Object.keys(node).find((key) => key !== ':@')!;
}

function attributesOf(node: RawNode): (readonly [string, string])[] {
  const attributes = node[':@'] as Record<string, string> | undefined;
  return Object.entries(attributes ?? {}).map(([name, value]) => [name, decode(String(value))] as const);
}

function innerText(value: unknown): string {
  return Array.isArray(value) ? value.map((part) => String((part as RawNode)['#text'] ?? '')).join('') : '';
}

const NAMED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** The five predefined entities and character references, in one pass (so `&amp;#65;` stays `&#65;`). */
function decode(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|lt|gt|amp|quot|apos);/g, (whole, entity: string) => {
    if (entity[0] !== '#') return NAMED[entity]!;
    const code = entity[1] === 'x' ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}
