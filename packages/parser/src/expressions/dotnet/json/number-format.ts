// double.ToString("R") as .NET Core 3.0+ prints it: the shortest round-trip digits (which JS also finds), in
// scientific notation from an exponent of 15 up or below -4, written "1E+15" / "1E-05".

export function formatDouble(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return 'Infinity';
  if (v === -Infinity) return '-Infinity';
  if (v === 0) return Object.is(v, -0) ? '-0' : '0';
  const [mantissa, expText] = v.toExponential().split('e') as [string, string];
  const exp = Number(expText);
  if (exp >= 15 || exp < -4) {
    const sign = exp < 0 ? '-' : '+';
    const digits = String(Math.abs(exp)).padStart(2, '0');
    return `${mantissa}E${sign}${digits}`;
  }
  // Within range JS's plain notation matches .NET's.
  return String(v);
}

/** How Newtonsoft writes a Float into JSON: always with a decimal point or an exponent. */
export function jsonFloat(v: number): string {
  const text = formatDouble(v);
  if (!Number.isFinite(v) || /[.eE]/.test(text)) return text;
  return text + '.0';
}
