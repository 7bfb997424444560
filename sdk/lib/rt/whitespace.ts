// The white space of String.prototype.trim and of numbers' text, in one place.

/** White space and line terminators (§12.2, §12.3) as trim removes them, which are also
 *  StrWhiteSpaceChar (§7.1.4.1) around a number's text. */
export function isSpace(unit: number): boolean {
  if (unit === 0x20 || (unit >= 0x09 && unit <= 0x0d) || unit === 0xa0) return true;
  if (unit < 0x1680) return false;
  return unit === 0x1680 || (unit >= 0x2000 && unit <= 0x200a) || unit === 0x2028 || unit === 0x2029
    || unit === 0x202f || unit === 0x205f || unit === 0x3000 || unit === 0xfeff;
}
