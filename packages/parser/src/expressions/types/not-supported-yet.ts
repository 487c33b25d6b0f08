// .NET types that APIM documents for policy expressions (spec §2.2: Body.As<XElement>(), XDocument) and apimx
// does not implement yet. Naming one is a compile error that says so, rather than "could not be found".

const NOT_YET: Readonly<Record<string, string>> = {
  XElement: 'System.Xml.Linq', XDocument: 'System.Xml.Linq', XNode: 'System.Xml.Linq', XContainer: 'System.Xml.Linq',
  XAttribute: 'System.Xml.Linq', XName: 'System.Xml.Linq', XNamespace: 'System.Xml.Linq', XText: 'System.Xml.Linq',
  XCData: 'System.Xml.Linq', XComment: 'System.Xml.Linq', XDeclaration: 'System.Xml.Linq',
  XmlDocument: 'System.Xml', XmlNode: 'System.Xml', XmlElement: 'System.Xml', XPathDocument: 'System.Xml.XPath',
};

/** The message for a type name that is documented but not implemented, or null. */
export function notSupportedYet(name: string): string | null {
  const short = name.slice(name.lastIndexOf('.') + 1);
  const ns = NOT_YET[short];
  if (!ns || (short !== name && !name.startsWith(`${ns}.`))) return null;
  return `'${short}' (${ns}) is not supported yet by apimx; read XML bodies as text (Body.As<string>())`;
}

/** The message for a namespace of such types (`System.Xml.Linq.XDocument.Parse(...)` written in full), or null. */
export function namespaceNotSupportedYet(name: string): string | null {
  if (name !== 'System.Xml' && !name.startsWith('System.Xml.')) return null;
  return `'${name}' is not supported yet by apimx; read XML bodies as text (Body.As<string>())`;
}
