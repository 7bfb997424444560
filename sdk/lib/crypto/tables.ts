// Constant tables as string literals. An array literal is built by code at start-up, some 20
// bytes of code per element (measured: SHA-256's 144 constants made a 3.3 KB module
// initialiser); a string literal lives in flash as data, two bytes per UTF-16 code unit, so
// a table is written as a string whose code units are its elements and copied out once.

/** The code units of `units` as a Uint16Array. */
export function uint16Table(units: string): Uint16Array {
  const table = new Uint16Array(units.length);
  for (let i = 0; i < units.length; i++) table[i] = units.charCodeAt(i);
  return table;
}
