// System.IO.StringReader and StringWriter, minimal: what line-by-line reading and building text needs.
import { ExpressionError, method } from '../registry.ts';
import type { TypeDecl } from '../registry.ts';
import { displayString } from './display.ts';

export class CsStringReader {
  pos = 0;
  constructor(readonly text: string) {}
}

export class CsStringWriter {
  text = '';
}

function reader(v: unknown): CsStringReader {
  if (v instanceof CsStringReader) return v;
  throw new ExpressionError('Object must be a StringReader.', 'ArgumentException');
}

function writer(v: unknown): CsStringWriter {
  if (v instanceof CsStringWriter) return v;
  throw new ExpressionError('Object must be a StringWriter.', 'ArgumentException');
}

export const stringReaderType: TypeDecl = {
  name: 'StringReader',
  aliases: ['System.IO.StringReader'],
  is: (v) => v instanceof CsStringReader,
  construct: method('StringReader', [1, 1], (_s, [s]) => {
    if (typeof s !== 'string') throw new ExpressionError('Value cannot be null. (Parameter \'s\')', 'ArgumentNullException');
    return new CsStringReader(s);
  }),
  instance: {
    ReadLine: method('string', [0, 0], (r) => {
      const self = reader(r);
      if (self.pos >= self.text.length) return null;
      const m = /\r\n|\r|\n/g;
      m.lastIndex = self.pos;
      const hit = m.exec(self.text);
      const end = hit ? hit.index : self.text.length;
      const line = self.text.slice(self.pos, end);
      self.pos = hit ? end + hit[0].length : self.text.length;
      return line;
    }),
    ReadToEnd: method('string', [0, 0], (r) => {
      const self = reader(r);
      const rest = self.text.slice(self.pos);
      self.pos = self.text.length;
      return rest;
    }),
    Read: method('int', [0, 0], (r) => {
      const self = reader(r);
      return self.pos < self.text.length ? self.text.charCodeAt(self.pos++) : -1;
    }),
    Peek: method('int', [0, 0], (r) => {
      const self = reader(r);
      return self.pos < self.text.length ? self.text.charCodeAt(self.pos) : -1;
    }),
    Dispose: method('void', [0, 0], () => null),
    Close: method('void', [0, 0], () => null),
  },
};

export const stringWriterType: TypeDecl = {
  name: 'StringWriter',
  aliases: ['System.IO.StringWriter'],
  is: (v) => v instanceof CsStringWriter,
  construct: method('StringWriter', [0, 1], () => new CsStringWriter()),
  instance: {
    Write: method('void', [1, 1], (w, [v], inv) => {
      const s = displayString(v, inv.argTypes[0]);
      inv.guard.alloc(s.length);
      writer(w).text += s;
      return null;
    }),
    WriteLine: method('void', [0, 1], (w, args, inv) => {
      const s = `${args.length ? displayString(args[0], inv.argTypes[0]) : ''}\n`;
      inv.guard.alloc(s.length);
      writer(w).text += s;
      return null;
    }),
    ToString: method('string', [0, 0], (w) => writer(w).text),
    Flush: method('void', [0, 0], () => null),
    Dispose: method('void', [0, 0], () => null),
    Close: method('void', [0, 0], () => null),
  },
  toString: (w) => writer(w).text,
};
