// JSON → XML as json-to-xml does it (spec §3.9, T47), in the manner of Json.NET's DeserializeXNode, which the
// documented example follows: each property an element (an array repeats the element, null is <a />), "@name"
// properties and the properties of the attribute-block-name object become attributes, "#text" is the element's
// text, properties starting with namespace-prefix become namespace declarations (`xmlns:soapenv` with the
// separator ':', `xmlns_soapenv` with the default '_'), and a name `p<separator>local` whose prefix p is declared
// becomes `p:local`. Output is compact, an empty element written `<a />`, without an XML declaration.
// [INFERRED] a JSON object with exactly one element property is the root element; anything else (several
// properties, an array, a scalar) is wrapped in <Document> ([UNCONFIRMED]: array items are then <Item> elements).
// parse-date="true" (the default) normalises ISO 8601 date-times as Json.NET's DateTime round trip writes them
// (trailing zeros of the fraction dropped); "false" copies them as they are.

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface JsonToXmlOptions {
  parseDate: boolean;
  namespaceSeparator: string;
  namespacePrefix: string | null;
  attributeBlockName: string | null;
}

export function jsonToXml(value: Json, options: JsonToXmlOptions): string {
  if (isObject(value)) {
    const names = Object.keys(value).filter((name) => !isAttributeLike(name, options));
    if (names.length === 1 && Object.keys(value).length === 1 && !Array.isArray(value[names[0]!])) {
      return element(names[0]!, value[names[0]!]!, options, new Set());
    }
    return element('Document', value, options, new Set());
  }
  if (Array.isArray(value)) return `<Document>${value.map((item) => element('Item', item, options, new Set())).join('')}</Document>`;
  return element('Document', value, options, new Set());
}

function element(name: string, value: Json, options: JsonToXmlOptions, inheritedPrefixes: ReadonlySet<string>): string {
  if (value === null) return `<${elementName(name, options, inheritedPrefixes)} />`;
  if (!isObject(value)) return `<${elementName(name, options, inheritedPrefixes)}>${escapeText(scalarText(value, options))}</${elementName(name, options, inheritedPrefixes)}>`;
  const prefixes = new Set(inheritedPrefixes);
  const attributes: string[] = [];
  const content: string[] = [];
  for (const [key, item] of Object.entries(value)) {
    const declared = namespaceDeclaration(key, options);
    if (declared !== null) {
      if (declared.prefix) prefixes.add(declared.prefix);
      attributes.push(`${declared.attribute}="${escapeAttribute(scalarText(item, options))}"`);
    } else if (options.attributeBlockName !== null && key === options.attributeBlockName && isObject(item)) {
      for (const [attribute, text] of Object.entries(item)) attributes.push(`${encodeName(attribute)}="${escapeAttribute(scalarText(text, options))}"`);
    } else if (key.startsWith('@')) {
      attributes.push(`${encodeName(key.slice(1))}="${escapeAttribute(scalarText(item, options))}"`);
    }
  }
  for (const [key, item] of Object.entries(value)) {
    if (isAttributeLike(key, options) || (key === options.attributeBlockName && isObject(item))) continue;
    if (key === '#text') content.push(escapeText(scalarText(item, options)));
    else if (Array.isArray(item)) for (const entry of item) content.push(element(key, entry, options, prefixes));
    else content.push(element(key, item, options, prefixes));
  }
  const tag = elementName(name, options, prefixes);
  const open = attributes.length > 0 ? `${tag} ${attributes.join(' ')}` : tag;
  return content.length === 0 ? `<${open} />` : `<${open}>${content.join('')}</${tag}>`;
}

function isAttributeLike(key: string, options: JsonToXmlOptions): boolean {
  return key.startsWith('@') || namespaceDeclaration(key, options) !== null || (options.attributeBlockName !== null && key === options.attributeBlockName);
}

/** `xmlns` → xmlns; `xmlns<sep>p` → xmlns:p (prefix p declared); null when the key is not a declaration. */
function namespaceDeclaration(key: string, options: JsonToXmlOptions): { attribute: string; prefix: string | null } | null {
  const prefix = options.namespacePrefix;
  if (!prefix || !key.startsWith(prefix)) return null;
  if (key === prefix) return { attribute: 'xmlns', prefix: null };
  const rest = key.slice(prefix.length);
  for (const separator of new Set([options.namespaceSeparator, ':'])) {
    if (separator && rest.startsWith(separator) && rest.length > separator.length) {
      const declared = rest.slice(separator.length);
      return { attribute: `xmlns:${encodeName(declared)}`, prefix: declared };
    }
  }
  return null;
}

/** `p<sep>local` with p a declared prefix → `p:local`; otherwise the name as it is (encoded where XML needs it). */
function elementName(name: string, options: JsonToXmlOptions, prefixes: ReadonlySet<string>): string {
  for (const separator of new Set([options.namespaceSeparator, ':'])) {
    const at = separator ? name.indexOf(separator) : -1;
    if (at > 0 && prefixes.has(name.slice(0, at))) return `${encodeName(name.slice(0, at))}:${encodeName(name.slice(at + separator.length))}`;
  }
  return name.split(':').map(encodeName).join(':');
}

const ISO_DATE_TIME = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,7}))?(Z|[+-]\d{2}:\d{2})?$/;

function scalarText(value: Json, options: JsonToXmlOptions): string {
  if (value === null) return '';
  if (typeof value === 'string') {
    if (!options.parseDate) return value;
    const date = ISO_DATE_TIME.exec(value);
    if (!date) return value;
    const fraction = (date[2] ?? '').replace(/0+$/, '');
    return `${date[1]}${fraction ? `.${fraction}` : ''}${date[3] ?? ''}`;
  }
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** As .NET's XmlConvert.EncodeLocalName: a character a name cannot hold becomes _xHHHH_. */
function encodeName(name: string): string {
  if (name === '') return '_x0000_';
  let out = '';
  [...name].forEach((char, index) => {
    const ok = index === 0 ? /[A-Za-z_\u00C0-\uFFFF]/.test(char) : /[A-Za-z0-9_.\-\u00B7\u00C0-\uFFFF]/.test(char);
    out += ok ? char : `_x${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}_`;
  });
  return out;
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttribute(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;').replace(/\n/g, '&#xA;').replace(/\r/g, '&#xD;').replace(/\t/g, '&#x9;');
}

function isObject(value: Json | undefined): value is { [key: string]: Json } {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
