// Match, Group, Capture and their collections, with .NET group numbering and capture history.
import { ExpressionError, method, property } from '../../registry.ts';
import type { Guard, MemberDecl, TypeDecl } from '../../registry.ts';
import { CsRegex, execAt, expandReplacement } from './engine.ts';
import type { RunResult } from './engine.ts';

export class CsCapture {
  constructor(readonly index: number, readonly value: string) {}
  get length(): number { return this.value.length; }
}

const NO_SPANS: readonly number[] = [];

export class CsGroup extends CsCapture {
  constructor(
    readonly input: string,
    /** Every capture of the group, oldest first, as [index, length, ...]; the last one is the group's value. */
    readonly spans: readonly number[],
    readonly name: string,
  ) {
    const n = spans.length;
    const index = n > 0 ? spans[n - 2]! : 0;
    super(index, n > 0 ? input.slice(index, index + spans[n - 1]!) : '');
  }
  get success(): boolean { return this.spans.length > 0; }
  get captures(): CsCapture[] {
    const out: CsCapture[] = [];
    for (let k = 0; k < this.spans.length; k += 2) out.push(new CsCapture(this.spans[k]!, this.input.substr(this.spans[k]!, this.spans[k + 1]!)));
    return out;
  }
}

export class CsMatch extends CsGroup {
  readonly groups: CsGroup[];
  constructor(readonly regex: CsRegex | null, input: string, readonly raw: RunResult | null) {
    super(input, raw ? [raw.index, raw.length] : NO_SPANS, '0');
    const names = regex?.names ?? ['0'];
    this.groups = names.map((name, net) => (net === 0 ? this : new CsGroup(input, raw?.captures[net] ?? NO_SPANS, name)));
  }
}

export const EMPTY_MATCH = new CsMatch(null, '', null);

export function matchAt(r: CsRegex, input: string, start: number, guard?: Guard): CsMatch {
  if (start < 0 || start > input.length) throw new ExpressionError('Start index cannot be less than 0 or greater than input length. (Parameter \'startat\')', 'ArgumentOutOfRangeException');
  return new CsMatch(r, input, execAt(r, input, start, guard));
}

export class CsGroupCollection {
  constructor(readonly match: CsMatch) {}
  get(key: unknown): CsGroup {
    const groups = this.match.groups;
    if (typeof key === 'number') return groups[key] ?? new CsGroup('', NO_SPANS, String(key));
    if (typeof key === 'string') return groups.find((g) => g.name === key) ?? new CsGroup('', NO_SPANS, key);
    throw new ExpressionError('Group name or number expected.');
  }
}

export class CsMatchCollection {
  constructor(readonly items: CsMatch[]) {}
}

export class CsCaptureCollection {
  constructor(readonly items: CsCapture[]) {}
}

const idx = (items: readonly unknown[], i: unknown): unknown => {
  const k = Number(i);
  if (!Number.isInteger(k) || k < 0 || k >= items.length) throw new ExpressionError('Specified argument was out of the range of valid values. (Parameter \'i\')', 'ArgumentOutOfRangeException');
  return items[k];
};

const captureMembers: Record<string, MemberDecl> = {
  Index: property('int', (c: CsCapture) => c.index),
  Length: property('int', (c: CsCapture) => c.length),
  Value: property('string', (c: CsCapture) => c.value),
  ToString: method('string', [0, 0], (c: CsCapture) => c.value),
};

const groupMembers: Record<string, MemberDecl> = {
  ...captureMembers,
  Success: property('bool', (g: CsGroup) => g.success),
  Name: property('string', (g: CsGroup) => g.name),
  Captures: property('CaptureCollection', (g: CsGroup) => new CsCaptureCollection(g.captures)),
};

const matchMembers: Record<string, MemberDecl> = {
  ...groupMembers,
  Groups: property('GroupCollection', (m: CsMatch) => new CsGroupCollection(m)),
  NextMatch: method('Match', [0, 0], (m: CsMatch, _a, inv) => {
    if (!m.regex || !m.success) return EMPTY_MATCH;
    const rtl = m.regex.rightToLeft;
    const next = rtl ? (m.length === 0 ? m.index - 1 : m.index) : m.length === 0 ? m.index + 1 : m.index + m.length;
    return next < 0 || next > m.input.length ? new CsMatch(m.regex, m.input, null) : matchAt(m.regex, m.input, next, inv.guard);
  }),
  Result: method('string', [1, 1], (m: CsMatch, [replacement]) => {
    if (!m.success || !m.regex || !m.raw) throw new ExpressionError('Result cannot be called on a failed Match.', 'NotSupportedException');
    return expandReplacement(m.regex, m.raw, m.input, String(replacement));
  }),
};

export const captureType: TypeDecl = {
  name: 'Capture', aliases: ['System.Text.RegularExpressions.Capture'],
  is: (v) => v instanceof CsCapture, instance: captureMembers, toString: (c: CsCapture) => c.value,
};

export const groupType: TypeDecl = {
  name: 'Group', aliases: ['System.Text.RegularExpressions.Group'], base: 'Capture',
  is: (v) => v instanceof CsGroup, instance: groupMembers, toString: (g: CsGroup) => g.value,
};

export const matchType: TypeDecl = {
  name: 'Match', aliases: ['System.Text.RegularExpressions.Match'], base: 'Group',
  is: (v) => v instanceof CsMatch,
  instance: matchMembers,
  static: { Empty: property('Match', () => EMPTY_MATCH) },
  toString: (m: CsMatch) => m.value,
};

export const groupCollectionType: TypeDecl = {
  name: 'GroupCollection', aliases: ['System.Text.RegularExpressions.GroupCollection'], base: 'IEnumerable',
  is: (v) => v instanceof CsGroupCollection,
  indexer: { type: 'Group', get: (c: CsGroupCollection, key) => c.get(key) },
  instance: {
    Count: property('int', (c: CsGroupCollection) => c.match.groups.length),
    ContainsKey: method('bool', [1, 1], (c: CsGroupCollection, [k]) => c.match.groups.some((g) => g.name === k)),
    Keys: property('IEnumerable<string>', (c: CsGroupCollection) => c.match.groups.map((g) => g.name)),
    Values: property('IEnumerable<Group>', (c: CsGroupCollection) => [...c.match.groups]),
  },
  enumerate: (c: CsGroupCollection) => c.match.groups,
};

export const matchCollectionType: TypeDecl = {
  name: 'MatchCollection', aliases: ['System.Text.RegularExpressions.MatchCollection'], base: 'IEnumerable',
  is: (v) => v instanceof CsMatchCollection,
  indexer: { type: 'Match', get: (c: CsMatchCollection, i) => idx(c.items, i) },
  instance: { Count: property('int', (c: CsMatchCollection) => c.items.length) },
  enumerate: (c: CsMatchCollection) => c.items,
};

export const captureCollectionType: TypeDecl = {
  name: 'CaptureCollection', aliases: ['System.Text.RegularExpressions.CaptureCollection'], base: 'IEnumerable',
  is: (v) => v instanceof CsCaptureCollection,
  indexer: { type: 'Capture', get: (c: CsCaptureCollection, i) => idx(c.items, i) },
  instance: { Count: property('int', (c: CsCaptureCollection) => c.items.length) },
  enumerate: (c: CsCaptureCollection) => c.items,
};
