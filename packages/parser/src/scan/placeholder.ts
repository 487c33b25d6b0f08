// What a protected expression looks like to the XML step: private-use characters around its index. They are
// legal XML characters in attributes and text and never occur in real policies.
const OPEN = '\uE000';
const CLOSE = '\uE001';
const WHOLE = /^\s*\uE000(\d+)\uE001\s*$/;
const ANY = /\uE000(\d+)\uE001/g;

export function placeholder(index: number): string {
  return `${OPEN}${index}${CLOSE}`;
}

/** The expression index when the (decoded) value is one placeholder and whitespace, else undefined. */
export function wholePlaceholder(value: string): number | undefined {
  const m = WHOLE.exec(value);
  return m === null ? undefined : Number(m[1]);
}

export function hasPlaceholder(value: string): boolean {
  return value.includes(OPEN);
}

/** Replaces every placeholder by what `write` gives for its expression index. */
export function replacePlaceholders(value: string, write: (index: number) => string): string {
  return hasPlaceholder(value) ? value.replace(ANY, (_, n: string) => write(Number(n))) : value;
}
