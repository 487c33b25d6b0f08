// ISO 8601 durations as ARM backends carry them (circuitBreaker `interval`, `tripDuration`: "PT1M", "PT30S",
// "P1D"). Years and months have no fixed length, so they are refused rather than guessed.

const PATTERN = /^P(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i;
const UNIT_MS = [7 * 86_400_000, 86_400_000, 3_600_000, 60_000, 1000] as const;

/** Milliseconds, or null when `text` is not a duration apimx can measure. */
export function parseIsoDuration(text: string): number | null {
  const match = PATTERN.exec(text.trim());
  // "P" and "PT" alone match the pattern but name no duration.
  if (!match || !match.slice(1).some((part) => part !== undefined)) return null;
  let ms = 0;
  for (let i = 0; i < UNIT_MS.length; i++) {
    const part = match[i + 1];
    if (part !== undefined) ms += Number(part) * UNIT_MS[i]!;
  }
  return Math.round(ms);
}
