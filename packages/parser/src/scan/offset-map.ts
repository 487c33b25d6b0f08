// Maps offsets in a rewritten text back to the text it was rewritten from. Each rewrite replaces one span;
// an offset inside a replacement maps to the start of the span it replaced (e.g. the `{{` of a named value).

interface Replacement {
  /** Start of the replacement in the new text. */
  at: number;
  newLength: number;
  /** Start and length of the replaced span in the old text. */
  oldAt: number;
  oldLength: number;
}

export class OffsetMap {
  private readonly replacements: Replacement[] = [];

  /** Record a replacement; calls must come in increasing offset order. */
  add(at: number, newLength: number, oldAt: number, oldLength: number): void {
    this.replacements.push({ at, newLength, oldAt, oldLength });
  }

  toOld(offset: number): number {
    const r = this.find(offset);
    if (r === undefined) return offset;
    if (offset < r.at + r.newLength) return r.oldAt;
    return r.oldAt + r.oldLength + (offset - r.at - r.newLength);
  }

  /** The last replacement starting at or before `offset`. */
  private find(offset: number): Replacement | undefined {
    const rs = this.replacements;
    let lo = 0;
    let hi = rs.length - 1;
    let found: Replacement | undefined;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (rs[mid]!.at <= offset) {
        found = rs[mid];
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }
}
