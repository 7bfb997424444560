// Number as a function value (`xs.map(Number)`): ToNumber of any value, the first argument
// only, as the global does. A direct call Number(x) is lowered by the argument's type
// (lower/builtins.ts, toNumber); a program that names Number has doubles (lower/doubles.ts).

import { isNumber, isString, toString } from "./strings.ts";
import { parseNumber } from "./numconv.ts";

export function numberOf(value: unknown): number {
  if (isNumber(value)) return value as number;
  if (isString(value)) return parseNumber(value as string);
  if (value === true) return 1;
  if (value === false || value === null) return 0;
  if (value === undefined) return NaN;
  // Arrays and objects: their text, as ToPrimitive gives it ([] is 0, [7] is 7, {} is NaN).
  return parseNumber(toString(value));
}
