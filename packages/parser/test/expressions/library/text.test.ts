import { describe, expect, it } from 'vitest';
import { OutRef } from '../../../src/expressions/dotnet/registry.ts';
import { textTypes } from '../../../src/expressions/dotnet/text/index.ts';
import { budgetGuard, inst, invocation, make, st, typeOf } from './call.ts';

const Convert = typeOf(textTypes, 'Convert');
const Encoding = typeOf(textTypes, 'Encoding');
const BitConverter = typeOf(textTypes, 'BitConverter');
const Guid = typeOf(textTypes, 'Guid');
const Random = typeOf(textTypes, 'Random');
const StringBuilder = typeOf(textTypes, 'StringBuilder');
const WebUtility = typeOf(textTypes, 'WebUtility');
const Uri = typeOf(textTypes, 'Uri');
const StringReader = typeOf(textTypes, 'StringReader');

const utf8 = st(Encoding, 'UTF8');
const bytes = (...b: number[]): Uint8Array => Uint8Array.from(b);

describe('Convert and Encoding', () => {
  it('base64 round trips through UTF-8', () => {
    expect(st(Convert, 'ToBase64String', inst(Encoding, utf8, 'GetBytes', 'hello'))).toBe('aGVsbG8=');
    expect(inst(Encoding, utf8, 'GetString', st(Convert, 'FromBase64String', 'dXNlcjpwYXNz'))).toBe('user:pass');
    expect(inst(Encoding, utf8, 'GetString', st(Convert, 'FromBase64String', 'aGVs\r\nbG8='))).toBe('hello');
  });
  it('FromBase64String rejects what .NET rejects', () => {
    expect(() => st(Convert, 'FromBase64String', 'abc')).toThrow('Invalid length for a Base-64 char array or string.');
    expect(() => st(Convert, 'FromBase64String', 'a$b=')).toThrow('The input is not a valid Base-64 string');
    expect(() => st(Convert, 'FromBase64String', 'aGVsbG8-')).toThrow('not a valid Base-64 string');
  });
  it('byte arrays are plain Uint8Arrays, never Buffers', () => {
    const b = st(Convert, 'FromBase64String', 'aGVsbG8=');
    expect(Object.getPrototypeOf(b)).toBe(Uint8Array.prototype);
    expect(Object.getPrototypeOf(inst(Encoding, utf8, 'GetBytes', 'x'))).toBe(Uint8Array.prototype);
  });
  it('encodings', () => {
    expect([...inst(Encoding, utf8, 'GetBytes', 'é')]).toEqual([0xc3, 0xa9]);
    expect([...inst(Encoding, st(Encoding, 'Unicode'), 'GetBytes', 'A€')]).toEqual([0x41, 0, 0xac, 0x20]);
    expect([...inst(Encoding, st(Encoding, 'BigEndianUnicode'), 'GetBytes', 'A')]).toEqual([0, 0x41]);
    expect([...inst(Encoding, st(Encoding, 'ASCII'), 'GetBytes', 'aé😀')]).toEqual([0x61, 0x3f, 0x3f]);
    expect(inst(Encoding, st(Encoding, 'ASCII'), 'GetString', bytes(0x61, 0xc3))).toBe('a?');
    expect(inst(Encoding, utf8, 'GetString', bytes(0x61, 0xc3))).toBe('a\ufffd');
    expect([...inst(Encoding, st(Encoding, 'UTF32'), 'GetBytes', '😀')]).toEqual([0x00, 0xf6, 0x01, 0x00]);
    expect(inst(Encoding, st(Encoding, 'UTF32'), 'GetString', bytes(0x00, 0xf6, 0x01, 0x00))).toBe('😀');
    expect(inst(Encoding, utf8, 'GetByteCount', 'héllo')).toBe(6);
    expect(inst(Encoding, utf8, 'GetString', bytes(0x61, 0x62, 0x63), 1, 2)).toBe('bc');
    expect(inst(Encoding, utf8, 'WebName')).toBe('utf-8');
    expect(() => inst(Encoding, utf8, 'GetBytes', null)).toThrow("Value cannot be null. (Parameter 's')");
  });
  it('GetBytes charges the allocation budget', () => {
    const tiny = invocation(budgetGuard(1_000_000, 10));
    const getBytes = Encoding.instance!.GetBytes!;
    expect(() => getBytes.kind === 'method' && getBytes.invoke(utf8, ['x'.repeat(100)], tiny)).toThrow('allocation budget exceeded');
  });
  it('numbers', () => {
    expect(st(Convert, 'ToInt32', '42')).toBe(42);
    expect(st(Convert, 'ToInt32', ' -7 ')).toBe(-7);
    expect(st(Convert, 'ToInt32', 2.5)).toBe(2);
    expect(st(Convert, 'ToInt32', 3.5)).toBe(4);
    expect(st(Convert, 'ToInt32', null)).toBe(0);
    expect(st(Convert, 'ToInt32', true)).toBe(1);
    expect(st(Convert, 'ToInt32', 'ff', 16)).toBe(255);
    expect(st(Convert, 'ToInt32', 'FFFFFFFF', 16)).toBe(-1);
    expect(() => st(Convert, 'ToInt32', '4.5')).toThrow('Input string was not in a correct format.');
    expect(() => st(Convert, 'ToInt32', '2147483648')).toThrow('Value was either too large or too small for an Int32.');
    expect(st(Convert, 'ToInt64', '9007199254740991')).toBe(9007199254740991);
    expect(st(Convert, 'ToDouble', '1.5')).toBe(1.5);
    expect(st(Convert, 'ToDouble', '1e3')).toBe(1000);
    // A decimal keeps the scale of its text, as decimal.Parse does.
    expect(String(st(Convert, 'ToDecimal', '12.25'))).toBe('12.25');
    expect(String(st(Convert, 'ToDecimal', '1.10'))).toBe('1.10');
    expect(st(Convert, 'ToBoolean', 'True')).toBe(true);
    expect(st(Convert, 'ToBoolean', ' false ')).toBe(false);
    expect(() => st(Convert, 'ToBoolean', 'yes')).toThrow("String 'yes' was not recognized as a valid Boolean.");
  });
  it('ToString and hex', () => {
    expect(st(Convert, 'ToString', 1.5)).toBe('1.5');
    expect(st(Convert, 'ToString', true)).toBe('True');
    expect(st(Convert, 'ToString', 1e20)).toBe('1E+20');
    expect(st(Convert, 'ToString', 255, 16)).toBe('ff');
    expect(st(Convert, 'ToHexString', bytes(0xab, 0x01))).toBe('AB01');
    expect([...st(Convert, 'FromHexString', 'ab01')]).toEqual([0xab, 0x01]);
    expect(() => st(Convert, 'FromHexString', 'abc')).toThrow('not a valid hex string');
    expect(st(Convert, 'ChangeType', '12', 'System.Int32')).toBe(12);
  });
});

describe('BitConverter', () => {
  it('ToString and round trips', () => {
    expect(st(BitConverter, 'ToString', bytes(0xab, 0xcd, 0x01))).toBe('AB-CD-01');
    expect(st(BitConverter, 'ToString', bytes(0xab, 0xcd, 0x01), 1)).toBe('CD-01');
    expect(st(BitConverter, 'ToString', bytes())).toBe('');
    expect([...st(BitConverter, 'GetBytes', 1)]).toEqual([1, 0, 0, 0]);
    expect([...st(BitConverter, 'GetBytes', true)]).toEqual([1]);
    expect(st(BitConverter, 'ToInt32', bytes(0xff, 0xff, 0xff, 0xff), 0)).toBe(-1);
    expect(st(BitConverter, 'ToInt64', bytes(1, 0, 0, 0, 0, 0, 0, 0), 0)).toBe(1);
    expect(st(BitConverter, 'ToDouble', st(BitConverter, 'GetBytes', 1.5), 0)).toBe(1.5);
    expect(() => st(BitConverter, 'ToInt32', bytes(1, 2), 0)).toThrow('Destination array is not long enough');
  });
});

describe('Guid', () => {
  const g = st(Guid, 'Parse', '{0F8FAD5B-D9CB-469F-A165-70867728950E}');
  it('formats', () => {
    expect(inst(Guid, g, 'ToString')).toBe('0f8fad5b-d9cb-469f-a165-70867728950e');
    expect(inst(Guid, g, 'ToString', 'N')).toBe('0f8fad5bd9cb469fa16570867728950e');
    expect(inst(Guid, g, 'ToString', 'B')).toBe('{0f8fad5b-d9cb-469f-a165-70867728950e}');
    expect(inst(Guid, g, 'ToString', 'P')).toBe('(0f8fad5b-d9cb-469f-a165-70867728950e)');
    expect(Guid.toString!(st(Guid, 'Empty'))).toBe('00000000-0000-0000-0000-000000000000');
    expect(() => inst(Guid, g, 'ToString', 'Q')).toThrow('Format string can be only');
  });
  it('NewGuid is a random version-4 GUID', () => {
    const a = inst(Guid, st(Guid, 'NewGuid'), 'ToString');
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a).not.toBe(inst(Guid, st(Guid, 'NewGuid'), 'ToString'));
  });
  it('parses, compares, converts to bytes', () => {
    expect(Guid.equals!(g, st(Guid, 'Parse', '0f8fad5bd9cb469fa16570867728950e'))).toBe(true);
    const out = new OutRef();
    expect(st(Guid, 'TryParse', 'not-a-guid', out)).toBe(false);
    expect(Guid.equals!(out.value, st(Guid, 'Empty'))).toBe(true);
    expect(() => st(Guid, 'Parse', 'xyz')).toThrow('Unrecognized Guid format.');
    const b = inst(Guid, st(Guid, 'Parse', '00112233-4455-6677-8899-aabbccddeeff'), 'ToByteArray');
    expect([...b]).toEqual([0x33, 0x22, 0x11, 0x00, 0x55, 0x44, 0x77, 0x66, 0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff]);
    expect(inst(Guid, make(Guid, b), 'ToString')).toBe('00112233-4455-6677-8899-aabbccddeeff');
  });
});

describe('Random', () => {
  it('stays in range and repeats with a seed', () => {
    const r = make(Random);
    for (let i = 0; i < 200; i++) {
      const n = inst(Random, r, 'Next', 3, 7);
      expect(n >= 3 && n < 7 && Number.isInteger(n)).toBe(true);
      const d = inst(Random, r, 'NextDouble');
      expect(d >= 0 && d < 1).toBe(true);
    }
    const a = make(Random, 42), b = make(Random, 42);
    const seqA = Array.from({ length: 5 }, () => inst(Random, a, 'Next', 0, 1000));
    expect(Array.from({ length: 5 }, () => inst(Random, b, 'Next', 0, 1000))).toEqual(seqA);
    expect(inst(Random, r, 'Next', 5, 5)).toBe(5);
    expect(() => inst(Random, r, 'Next', -1)).toThrow("'maxValue' must be greater than or equal to zero.");
    expect(() => inst(Random, r, 'Next', 2, 1)).toThrow("'minValue' cannot be greater than maxValue.");
  });
});

describe('StringBuilder', () => {
  it('builds text', () => {
    const b = make(StringBuilder);
    inst(StringBuilder, b, 'Append', 'a');
    inst(StringBuilder, b, 'Append', 1);
    inst(StringBuilder, b, 'Append', true);
    inst(StringBuilder, b, 'AppendLine', 'x');
    expect(inst(StringBuilder, b, 'ToString')).toBe('a1Truex\n');
    expect(inst(StringBuilder, b, 'Length')).toBe(8);
    inst(StringBuilder, b, 'Insert', 0, '>');
    inst(StringBuilder, b, 'Replace', 'a', 'b');
    inst(StringBuilder, b, 'Remove', 1, 1);
    expect(inst(StringBuilder, b, 'ToString')).toBe('>1Truex\n');
    inst(StringBuilder, b, 'Clear');
    inst(StringBuilder, b, 'AppendFormat', '{0}-{1,3}|{1,-3}|{{x}}', 'a', 5);
    expect(StringBuilder.toString!(b)).toBe('a-  5|5  |{x}');
    expect(inst(StringBuilder, make(StringBuilder, 'init'), 'ToString')).toBe('init');
    const g = st(Guid, 'Parse', '0f8fad5bd9cb469fa16570867728950e');
    expect(inst(StringBuilder, inst(StringBuilder, make(StringBuilder), 'AppendFormat', '[{0:N}]', g), 'ToString')).toBe('[0f8fad5bd9cb469fa16570867728950e]');
  });
  it('charges the allocation budget', () => {
    const b = make(StringBuilder);
    const append = StringBuilder.instance!.Append!;
    const inv = invocation(budgetGuard(1_000_000, 50));
    expect(() => { for (let i = 0; i < 100; i++) if (append.kind === 'method') append.invoke(b, ['x'], inv); }).toThrow('allocation budget exceeded');
  });
});

describe('WebUtility', () => {
  it.each([
    ['a b&c=d/é', 'a+b%26c%3Dd%2F%C3%A9'],
    ['urn:ietf:params:oauth:client-assertion-type:jwt-bearer', 'urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer'],
    ['-_.!*()~', '-_.!*()%7E'],
    ['https://app.example/cb?x=1', 'https%3A%2F%2Fapp.example%2Fcb%3Fx%3D1'],
  ])('UrlEncode(%j)', (text, expected) => {
    expect(st(WebUtility, 'UrlEncode', text)).toBe(expected);
  });
  it('UrlDecode', () => {
    expect(st(WebUtility, 'UrlDecode', 'a+b%26c%3dd%C3%A9')).toBe('a b&c=dé');
    expect(st(WebUtility, 'UrlDecode', '%zz%')).toBe('%zz%');
    expect(st(WebUtility, 'UrlDecode', null)).toBe(null);
  });
  it('HtmlEncode and HtmlDecode', () => {
    expect(st(WebUtility, 'HtmlEncode', '<a href="x">\'&\'</a>')).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    expect(st(WebUtility, 'HtmlEncode', 'café 😀')).toBe('caf&#233; &#128512;');
    expect(st(WebUtility, 'HtmlDecode', '&lt;b&gt; &amp;amp; &#39; &#x41; &bogus;')).toBe('<b> &amp; \' A &bogus;');
  });
});

describe('Uri', () => {
  it('escaping', () => {
    expect(st(Uri, 'EscapeDataString', 'a b/c?d=é~')).toBe('a%20b%2Fc%3Fd%3D%C3%A9~');
    expect(st(Uri, 'UnescapeDataString', 'a%20b%2F%zz+')).toBe('a b/%zz+');
    expect(st(Uri, 'EscapeUriString', 'http://x/a b?q=1')).toBe('http://x/a%20b?q=1');
  });
  it('parts of an absolute URI', () => {
    const u = make(Uri, 'https://Example.com:8443/a/b/c.txt?x=1#frag');
    expect(inst(Uri, u, 'Host')).toBe('example.com');
    expect(inst(Uri, u, 'Port')).toBe(8443);
    expect(inst(Uri, u, 'Scheme')).toBe('https');
    expect(inst(Uri, u, 'AbsolutePath')).toBe('/a/b/c.txt');
    expect(inst(Uri, u, 'Query')).toBe('?x=1');
    expect(inst(Uri, u, 'Fragment')).toBe('#frag');
    expect(inst(Uri, u, 'PathAndQuery')).toBe('/a/b/c.txt?x=1');
    expect(inst(Uri, u, 'Segments')).toEqual(['/', 'a/', 'b/', 'c.txt']);
    expect(inst(Uri, u, 'AbsoluteUri')).toBe('https://example.com:8443/a/b/c.txt?x=1#frag');
    expect(inst(Uri, u, 'Authority')).toBe('example.com:8443');
    expect(inst(Uri, u, 'GetLeftPart', 1)).toBe('https://example.com:8443');
    const plain = make(Uri, 'http://host');
    expect([inst(Uri, plain, 'Port'), inst(Uri, plain, 'IsDefaultPort'), inst(Uri, plain, 'AbsoluteUri')]).toEqual([80, true, 'http://host/']);
    expect(() => make(Uri, 'relative/path')).toThrow('Invalid URI: The format of the URI could not be determined.');
  });
  it('IsWellFormedUriString and TryCreate', () => {
    expect(st(Uri, 'IsWellFormedUriString', 'https://x.com/a', 1)).toBe(true);
    expect(st(Uri, 'IsWellFormedUriString', 'not a uri', 1)).toBe(false);
    expect(st(Uri, 'IsWellFormedUriString', '/a/b', 2)).toBe(true);
    const out = new OutRef();
    expect(st(Uri, 'TryCreate', 'https://x.com', 1, out)).toBe(true);
    expect(inst(Uri, out.value, 'Host')).toBe('x.com');
  });
});

describe('StringReader', () => {
  it('reads lines', () => {
    const r = make(StringReader, 'a\r\nb\nc');
    expect([1, 2, 3, 4].map(() => inst(StringReader, r, 'ReadLine'))).toEqual(['a', 'b', 'c', null]);
  });
});

describe('.NET exception types', () => {
  const typeOfError = (fn: () => unknown): string | undefined => {
    try { fn(); } catch (e) { return (e as { exceptionType?: string }).exceptionType; }
    return 'no error';
  };
  it.each([
    ['FormatException', () => st(Convert, 'FromBase64String', 'a$b=')],
    ['FormatException', () => st(Convert, 'ToInt32', 'x')],
    ['OverflowException', () => st(Convert, 'ToInt32', '99999999999')],
    ['ArgumentNullException', () => st(Convert, 'ToBase64String', null)],
    ['FormatException', () => st(Guid, 'Parse', 'x')],
    ['UriFormatException', () => make(Uri, 'nope')],
    ['ArgumentOutOfRangeException', () => inst(Random, make(Random), 'Next', -1)],
  ])('%s', (expected, fn) => {
    expect(typeOfError(fn)).toBe(expected);
  });
});
