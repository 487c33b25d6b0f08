// Match, Group, Capture and their collections, built from a JS match with .NET group numbering.
import { ExpressionError, method, property } from '../../registry.ts';
import type { MemberDecl, TypeDecl } from '../../registry.ts';
import { CsRegex, execAt, expandReplacement, groupOf } from './engine.ts';

export class CsCapture {
  constructor(readonly index: number, readonly value: string) {}
  get length(): number { return this.value.length; }
}

export class CsGroup extends CsCapture {
  constructor(index: number, value: string, readonly success: boolean, readonly name: string) {
    super(index, value);
  }
  /** Only the last capture is known (JS keeps no capture history). */
  get captures(): CsCapture[] {
    return this.success ? [new CsCapture(this.index, this.value)] : [];
  }
}

export class CsMatch extends CsGroup {
  readonly groups: CsGroup[];
  constructor(readonly regex: CsRegex | null, readonly input: string, readonly raw: RegExpExecArray | null) {
    super(raw?.index ?? 0, raw?.[0] ?? '', raw !== null, '0');
    const names = regex?.t.names ?? ['0'];
    this.groups = names.map((name, net) => {
      if (net === 0) return this;
      if (!raw || !regex) return new CsGroup(0, '', false, name);
      const g = groupOf(regex, raw, net);
      return new CsGroup(g.index, g.value, g.success, name);
    });
  }
}

export const EMPTY_MATCH = new CsMatch(null, '', null);

export function matchAt(r: CsRegex, input: string, start: number, guard?: Parameters<typeof execAt>[3]): CsMatch {
  if (start < 0 || start > input.length) throw new ExpressionError('Start index cannot be less than 0 or greater than input length. (Parameter \'startat\')', 'ArgumentOutOfRangeException');
  return new CsMatch(r, input, execAt(r, input, start, guard));
}

export class CsGroupCollection {
  constructor(readonly match: CsMatch) {}
  get(key: unknown): CsGroup {
    const groups = this.match.groups;
    if (typeof key === 'number') return groups[key] ?? new CsGroup(0, '', false, String(key));
    if (typeof key === 'string') return groups.find((g) => g.name === key) ?? new CsGroup(0, '', false, key);
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
    const next = m.length === 0 ? m.index + 1 : m.index + m.length;
    return next > m.input.length ? new CsMatch(m.regex, m.input, null) : matchAt(m.regex, m.input, next, inv.guard);
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
