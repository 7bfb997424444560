// console.log of arrays, typed arrays, plain objects, class instances, Map and Set, as Node's
// util.inspect formats them for it (depth 2, break length 80, compact 3): short lists on one
// line, longer ones one entry per line, arrays of more than six short entries grouped into
// aligned columns, at most 100 elements.

import { addressOf, callMethod, isObject, isSmallInt, objectKind, panic, peek32, peekValue, symbolAddress } from "mote/intrinsics";
import { concat, inspectNumber, isNumber, isString, primitiveToString, toString, unitAt } from "./strings.ts";
import { CLASS_FIELD_NAMES, CLASS_NAME, CLASS_PRINT, CLASS_PRINT_FIELDS, CLASS_PRINT_DATE, CLASS_PRINT_GENERATOR, CLASS_PRINT_MAP, CLASS_PRINT_COLLECTION_ITERATOR, CLASS_PRINT_PROMISE, CLASS_PRINT_REGEXP, DESCRIPTOR_MATCH, DESCRIPTOR_PLAIN_NULL, MATCH_GROUPS, MATCH_INDEX, MATCH_INPUT, CLASS_PRINT_SET, KIND_ARRAY, KIND_CLOSURE, KIND_NUMBER, KIND_OBJECT, KIND_PLAIN, KIND_TYPED_ARRAY, TYPED_DATA, TYPED_DESCRIPTOR_ELEMENT, TYPED_ELEMENT_NAMES, TYPED_LENGTH } from "./layout.ts";
import type { Map, Set } from "./collections.ts";
import { type Promise, PENDING as PROMISE_PENDING, REJECTED as PROMISE_REJECTED } from "./promise.ts";
import { PANIC_INSPECT_UNSUPPORTED, PANIC_UNSUPPORTED } from "./panic-codes.ts";
import { accessorText, isAccessor, isIteratorKey, isPrivateName, keysOf, objMethodCode, pairedSurrogate, shortEscape, unicodeEscape, valuesOf } from "./objects.ts";
import { printString, printValue } from "./print.ts";
import { displayWidth } from "./display-width.ts";
import { isHole, typedElement } from "./arrays.ts";
import { Error, errorToString } from "./errors.ts";
import { stackFramesText } from "./stack-trace.ts";
import { functionText } from "./methods.ts";

const BREAK_LENGTH = 80;
const MAX_DEPTH = 2;
const MAX_ARRAY_LENGTH = 100;
const COMPACT = 3;
const HEX = "0123456789ABCDEF";

/** Set while console.log formats its argument: the outermost list is then printed piece by
 *  piece instead of being joined into one string (on a 16 KB micro:bit, the whole text of a
 *  long array, and the copies joining it, can be more than the heap has in one piece). */
let printOutermost = false;

/** Prints an array, a plain object, a class instance, a Map or a Set as console.log does. */
export function printInspected(value: unknown): void {
  printOutermost = true;
  const text = formatValue(value, 0, 0);
  printOutermost = false;
  printString(text);
}

const PERCENT = 0x25;

/**
 * console.log(format, ...args) when the format string is known only at run time, as Node's
 * util.format does it: %s, %d, %i and %c take the next argument, %% is a percent sign, other
 * text (and specifiers with no argument left) stays as it is, and the arguments not taken
 * follow, separated by spaces, printed as console.log prints them. A specifier whose output
 * needs more of util.format than devices have (%j, %o, %O, %f; %s of a class instance; %d or
 * %i of a string or an object) stops the program rather than print something else.
 */
export function printFormatted(format: string, args: unknown[]): void {
  let next = 0;
  let from = 0;
  for (let i = 0; i + 1 < format.length; i++) {
    if (unitAt(format, i) !== PERCENT) continue;
    const spec = unitAt(format, i + 1);
    if (spec === PERCENT) {
      printString(format.slice(from, i + 1));
      from = i + 2;
      i++;
      continue;
    }
    if (next >= args.length || !isSpecifier(spec)) continue;
    printString(format.slice(from, i));
    printSpecified(spec, args[next++]);
    from = i + 2;
    i++;
  }
  printString(format.slice(from));
  for (; next < args.length; next++) {
    printString(" ");
    printArgument(args[next]);
  }
  printString("\n");
}

/** s d i f j o O c: the letters util.format reads as specifiers. */
function isSpecifier(unit: number): boolean {
  return unit === 0x73 || unit === 0x64 || unit === 0x69 || unit === 0x66 || unit === 0x6a || unit === 0x6f || unit === 0x4f || unit === 0x63;
}

function printSpecified(spec: number, value: unknown): void {
  if (spec === 0x63) return; // %c: CSS, which a terminal ignores
  const primitive = !isObject(value) || isNumber(value) || isString(value);
  if (spec === 0x73 && primitive) {
    printArgument(value);
    return;
  }
  // %s of an object without a toString of its own: inspected, one level deep.
  if (spec === 0x73 && !hasOwnToString(value)) {
    printString(formatValue(value, MAX_DEPTH, 0));
    return;
  }
  if (spec === 0x64 && isNumber(value)) {
    printString(inspectNumber(value));
    return;
  }
  if (spec === 0x69 && isNumber(value)) {
    printParsedInteger(value as number);
    return;
  }
  // Number(true) is 1, Number(null) 0; parseInt of their text is NaN, as is undefined either way.
  if ((spec === 0x64 || spec === 0x69) && (value === true || value === false || value === null || value === undefined)) {
    printString(spec === 0x69 || value === undefined ? "NaN" : value === true ? "1" : "0");
    return;
  }
  panic(PANIC_UNSUPPORTED);
}

/** %i of a number: parseInt(String(x)), that is the sign and digits its text starts with
 *  (1e21 is "1e+21": 1; -0.5 gives -0; -0 is "0"), NaN when there are none (NaN, Infinity). */
function printParsedInteger(x: number): void {
  if (isSmallInt(x)) {
    printValue(x);
    return;
  }
  const text = primitiveToString(x);
  const start = unitAt(text, 0) === 0x2d ? 1 : 0;
  let end = start;
  while (end < text.length && unitAt(text, end) >= 0x30 && unitAt(text, end) <= 0x39) end++;
  printString(end === start ? "NaN" : text.slice(0, end));
}

/** Whether String(value) could differ from inspecting it: instances of the app's classes
 *  (which may define toString) are treated so. */
function hasOwnToString(value: unknown): boolean {
  const kind = objectKind(value);
  if (kind === KIND_ARRAY || kind === KIND_PLAIN || kind === KIND_TYPED_ARRAY) return false;
  const print = kind === KIND_OBJECT ? peek32(peek32(addressOf(value)) + CLASS_PRINT) : -1;
  return print !== CLASS_PRINT_MAP && print !== CLASS_PRINT_SET && print !== CLASS_PRINT_GENERATOR;
}

/** One argument of console.log: strings as they are, other values inspected. */
export function printArgument(value: unknown): void {
  if (isString(value)) printString(value as string);
  else if (isNumber(value)) printString(inspectNumber(value));
  else if (isObject(value)) printInspected(value);
  else printValue(value);
}

function formatValue(value: unknown, depth: number, indentation: number): string {
  if (isString(value)) return quote(value as string, indentation);
  if (!isObject(value)) return toString(value);
  const kind = objectKind(value);
  if (kind === KIND_NUMBER) return inspectNumber(value);
  if (kind === KIND_ARRAY) {
    const array = value as unknown[];
    if (array.length === 0) return "[]";
    if (depth > MAX_DEPTH) return "[Array]";
    const output = formatElements(array, depth, indentation);
    if (peek32(addressOf(value)) === symbolAddress(DESCRIPTOR_MATCH)) formatMatchProperties(value, output, depth, indentation);
    const entries = output.length;
    const lines = entries > 6 ? groupArrayElements(output, array, indentation) : output;
    return reduceToSingleString(lines, entries, "[", "]", indentation);
  }
  if (kind === KIND_TYPED_ARRAY) return formatTypedArray(value, depth, indentation);
  if (kind === KIND_CLOSURE) return functionText(value);
  if (value instanceof Error) return formatError(value, depth, indentation);
  if (kind === KIND_PLAIN) {
    const keys = keysOf(value);
    const open = peek32(addressOf(value)) === symbolAddress(DESCRIPTOR_PLAIN_NULL) ? "[Object: null prototype] {" : "{";
    if (keys.length === 0) return concat(open, "}");
    if (depth > MAX_DEPTH) return "[Object]";
    const values = valuesOf(value);
    const output: string[] = [];
    // A [Symbol.iterator] method (lower/object-methods.ts) comes after the strings, as symbols do.
    let iterator = -1;
    for (let i = 0; i < keys.length; i++) {
      if (isIteratorKey(keys[i])) {
        iterator = i;
        continue;
      }
      const shown = isAccessor(values[i]) ? accessorText(values[i]) : formatValue(values[i], depth + 1, indentation + 2);
      output.push(concat(concat(formatKey(keys[i]), ": "), shown));
    }
    if (iterator >= 0) output.push(concat("[Symbol(Symbol.iterator)]: ", formatValue(values[iterator], depth + 1, indentation + 2)));
    return reduceToSingleString(output, output.length, open, "}", indentation);
  }
  const print = kind === KIND_OBJECT ? peek32(peek32(addressOf(value)) + CLASS_PRINT) : -1;
  if (print === CLASS_PRINT_MAP || print === CLASS_PRINT_SET) return formatCollection(value, print === CLASS_PRINT_MAP, depth, indentation);
  if (print === CLASS_PRINT_REGEXP) return callMethod(objMethodCode(value, "toString"), value) as string;
  if (print === CLASS_PRINT_GENERATOR) return "Object [Generator] {}";
  if (print === CLASS_PRINT_COLLECTION_ITERATOR) {
    // Through the method table: the collections' code is linked only by programs that have them.
    const parts = callMethod(objMethodCode(value, "inspection"), value) as unknown[];
    const output: string[] = [];
    for (let i = 1; i < parts.length; i++) output.push(formatValue(parts[i], depth + 1, indentation + 2));
    return reduceToSingleString(output, output.length, parts[0] as string, "}", indentation);
  }
  if (print === CLASS_PRINT_PROMISE) return formatPromise(value as Promise, depth, indentation);
  if (print === CLASS_PRINT_DATE) {
    // Through the method table: the date code is linked only by programs that make dates.
    const iso = callMethod(objMethodCode(value, "toJSON"), value);
    return iso === null ? "Invalid Date" : (iso as string);
  }
  if (print === CLASS_PRINT_FIELDS) {
    // An instance of one of the app's classes: its name, then its fields as properties.
    const descriptor = peek32(addressOf(value));
    const name = peekValue<string>(descriptor + CLASS_NAME);
    const fields = peekValue<string[]>(descriptor + CLASS_FIELD_NAMES);
    const output: string[] = [];
    for (let i = 0; i < fields.length; i++) {
      if (isPrivateName(fields[i])) continue;
      if (depth > MAX_DEPTH) return concat(concat("[", name), "]");
      const field = peekValue<unknown>(addressOf(value) + 4 + 4 * i);
      output.push(concat(concat(formatKey(fields[i]), ": "), formatValue(field, depth + 1, indentation + 2)));
    }
    if (output.length === 0) return concat(name, " {}");
    return reduceToSingleString(output, output.length, concat(name, " {"), "}", indentation);
  }
  // Promises and the runtime's other objects (iterators of Maps and Sets) print their own way in Node.
  return panic(PANIC_INSPECT_UNSUPPORTED);
}

/** An error as Node shows it (util.inspect's improveStack): its stack with the class's name
 *  first when the error's name is an Error's of another class ("SensorError: …" when the class
 *  name contains it, else "E [Error]: …"), the frame indented, then the fields its class adds,
 *  in braces. Built from its parts rather than by editing the stack's text: no string search
 *  or split is linked for it. */
function formatError(e: Error, depth: number, indentation: number): string {
  const descriptor = peek32(addressOf(e));
  const className = peekValue<string>(descriptor + CLASS_NAME);
  const name = e.name;
  let head = errorToString(e);
  if (className !== name && name.length > 0 && contains(name, "Error", name.length - 5)) {
    const shown = contains(className, name, -1) ? className : concat(concat(concat(className, " ["), name), "]");
    head = e.message.length === 0 ? shown : concat(concat(shown, ": "), e.message);
  }
  let pad = "";
  for (let i = 0; i < indentation; i++) pad = concat(pad, " ");
  const stack = concat(head, stackFramesText(Error.framesOf(e), pad));
  const fields = peekValue<string[]>(descriptor + CLASS_FIELD_NAMES);
  let props = "";
  for (let i = 0; i < fields.length; i++) {
    const key = fields[i];
    // name and message are in the stack (Node leaves them out when they are).
    if (isPrivateName(key) || key === "name" || key === "message") continue;
    const shown = formatValue(peekValue<unknown>(addressOf(e) + 4 + 4 * i), depth + 1, indentation + 2);
    props = concat(concat(concat(concat(props, props.length === 0 ? "" : ",\n"), concat(pad, "  ")), concat(formatKey(key), ": ")), shown);
  }
  if (props.length === 0) return stack;
  return concat(concat(concat(concat(stack, " {\n"), props), concat("\n", pad)), "}");
}

/** A promise as Node shows it: its value, `<pending>`, or `<rejected>` and the reason. An
 *  error's stack always has frames in Node (its own, at least), so a rejected error is shown
 *  on lines of its own even when the device kept none. */
function formatPromise(p: Promise, depth: number, indentation: number): string {
  if (p.state === PROMISE_PENDING) return "Promise { <pending> }";
  const shown = formatValue(p.result, depth + 1, indentation + 2);
  if (p.state !== PROMISE_REJECTED) return reduceToSingleString([shown], 1, "Promise {", "}", indentation);
  const output = [concat("<rejected> ", shown)];
  return reduceToSingleString(output, p.result instanceof Error ? 2 : 1, "Promise {", "}", indentation);
}

/** Does `s` contain `part` at `at` (anywhere when `at` is -1)? */
function contains(s: string, part: string, at: number): boolean {
  const first = at < 0 ? 0 : at, last = at < 0 ? s.length - part.length : at;
  for (let start = first; start <= last && start >= 0; start++) {
    let i = 0;
    while (i < part.length && unitAt(s, start + i) === unitAt(part, i)) i++;
    if (i === part.length) return true;
  }
  return false;
}

/** Uint8Array(n) [ … ]: the elements as numbers, laid out as an array's. */
function formatTypedArray(value: unknown, depth: number, indentation: number): string {
  const array = addressOf(value);
  const element = peek32(peek32(array) + TYPED_DESCRIPTOR_ELEMENT);
  const name = TYPED_ELEMENT_NAMES.split(" ")[element];
  const length = peek32(array + TYPED_LENGTH);
  const open = concat(concat(concat(name, "("), toString(length)), ") [");
  if (length === 0) return concat(open, "]");
  if (depth > MAX_DEPTH) return concat(concat("[", name), "]");
  const shown = length < MAX_ARRAY_LENGTH ? length : MAX_ARRAY_LENGTH;
  const values: unknown[] = [];
  for (let i = 0; i < shown; i++) values.push(typedElement(peek32(array + TYPED_DATA), element, i));
  const output: string[] = [];
  for (let i = 0; i < shown; i++) output.push(toString(values[i]));
  if (length > shown) {
    output.push(moreItems(length - shown));
    values.push(0);
  }
  const entries = output.length;
  const lines = entries > 6 ? groupArrayElements(output, values, indentation) : output;
  return reduceToSingleString(lines, entries, open, "]", indentation);
}

/** Map(n) { key => value, … } and Set(n) { value, … }. */
function formatCollection(value: unknown, isMap: boolean, depth: number, indentation: number): string {
  const keys = isMap ? (value as Map).keyList : (value as Set).items;
  const name = isMap ? "Map" : "Set";
  const open = concat(concat(concat(name, "("), toString(keys.length)), ") {");
  if (keys.length === 0) return concat(open, "}");
  if (depth > MAX_DEPTH) return concat(concat("[", name), "]");
  const output: string[] = [];
  for (let i = 0; i < keys.length; i++) {
    const key = formatValue(keys[i], depth + 1, indentation + 2);
    output.push(isMap ? concat(concat(key, " => "), formatValue((value as Map).valueList[i], depth + 1, indentation + 2)) : key);
  }
  return reduceToSingleString(output, output.length, open, "}", indentation);
}

/** An array's entries as Node's formatArray and formatSpecialArray make them: the elements,
 *  a run of holes as one `<n empty items>` entry, at most MAX_ARRAY_LENGTH entries, then
 *  `... n more items`. */
function formatElements(array: unknown[], depth: number, indentation: number): string[] {
  const output: string[] = [];
  const length = array.length;
  let index = 0;
  while (index < length && output.length < MAX_ARRAY_LENGTH) {
    if (isHole(array, index)) {
      let end = index + 1;
      while (end < length && isHole(array, end)) end++;
      // Holes up to the end are counted below, as Node does.
      if (end === length) break;
      output.push(emptyItems(end - index));
      index = end;
      if (output.length === MAX_ARRAY_LENGTH) break;
    }
    output.push(formatValue(array[index], depth + 1, indentation + 2));
    index++;
  }
  const remaining = length - index;
  if (remaining > 0) output.push(output.length < MAX_ARRAY_LENGTH ? emptyItems(remaining) : moreItems(remaining));
  return output;
}

function emptyItems(count: number): string {
  return concat(concat("<", toString(count)), count > 1 ? " empty items>" : " empty item>");
}

/** The last entry of an array cut at MAX_ARRAY_LENGTH elements. */
function moreItems(more: number): string {
  return concat(concat("... ", toString(more)), more > 1 ? " more items" : " more item");
}

/** One line when the entries are short enough and were not grouped, else one per line. */
/** The entries of a list between `open` and `close`, on one line if they fit, else one per
 *  line. (Nested lists are formatted, with more indentation, before the list holding them,
 *  so the outermost one is the one formatted last.) */
function reduceToSingleString(output: string[], entries: number, open: string, close: string, indentation: number): string {
  const oneLine = entries === output.length && isBelowBreakLength(output, output.length + indentation + open.length + 10) && !hasNewline(output);
  if (printOutermost && indentation === 0) {
    printOutermost = false;
    printString(open);
    for (let i = 0; i < output.length; i++) {
      printString(oneLine ? (i === 0 ? " " : ", ") : i === 0 ? "\n  " : ",\n  ");
      printString(output[i]);
    }
    // Node writes an empty list as "{  }" (an iterator that has nothing left).
    printString(oneLine ? (output.length === 0 ? "  " : " ") : "\n");
    printString(close);
    return "";
  }
  if (oneLine) return concat(concat(concat(concat(open, " "), output.join(", ")), " "), close);
  const newline = concat("\n", " ".repeat(indentation));
  return concat(concat(concat(concat(concat(open, newline), "  "), output.join(concat(concat(",", newline), "  "))), newline), close);
}

function hasNewline(output: string[]): boolean {
  for (let i = 0; i < output.length; i++) if (output[i].includes("\n")) return true;
  return false;
}

function isBelowBreakLength(output: string[], start: number): boolean {
  let total = output.length + start;
  if (total + output.length > BREAK_LENGTH) return false;
  for (let i = 0; i < output.length; i++) {
    total += output[i].length;
    if (total > BREAK_LENGTH) return false;
  }
  return true;
}

/**
 * Node's column layout for long arrays of short entries. It picks the number of columns
 * from a square-ish shape (entries about 2.5 times as high as wide) with floating point;
 * here the same choice is made exactly in integers, by comparing squares.
 */
function groupArrayElements(output: string[], array: unknown[], indentation: number): string[] {
  const count = output.length;
  // Without its "... n more items" entry (Node: ctx.maxArrayLength < output.length).
  const shown = count > MAX_ARRAY_LENGTH ? count - 1 : count;
  // Node measures entries in terminal columns (display-width.ts), and pads by them.
  const columnsOf: number[] = [];
  let total = 0;
  let widest = 0;
  for (let i = 0; i < shown; i++) {
    const width = displayWidth(output[i]);
    columnsOf.push(width);
    total += width + 2;
    if (width > widest) widest = width;
  }
  const columnWidth = widest + 2;
  if (columnWidth * 3 + indentation >= BREAK_LENGTH || (total <= 5 * columnWidth && widest > 6)) return output;
  let cap = ((BREAK_LENGTH - indentation) / columnWidth) | 0;
  if (cap > COMPACT * 4) cap = COMPACT * 4;
  let columns = 1;
  while (columns < cap && fitsColumns(columns + 1, columnWidth, total, count, shown)) columns++;
  if (columns <= 1) return output;

  const widths: number[] = [];
  for (let i = 0; i < columns; i++) {
    let width = 0;
    for (let j = i; j < shown; j += columns) if (columnsOf[j] > width) width = columnsOf[j];
    widths.push(width + 2);
  }
  let numbers = true;
  for (let i = 0; i < count && numbers; i++) if (!isNumber(array[i])) numbers = false;
  const rows: string[] = [];
  for (let i = 0; i < shown; i += columns) {
    const end = i + columns < shown ? i + columns : shown;
    let row = "";
    for (let j = i; j < end - 1; j++) {
      const cell = concat(output[j], ", ");
      const padded = widths[j - i] + output[j].length - columnsOf[j];
      row = concat(row, numbers ? cell.padStart(padded) : cell.padEnd(padded));
    }
    const last = output[end - 1];
    row = concat(row, numbers ? last.padStart(widths[end - 1 - i] + last.length - columnsOf[end - 1] - 2) : last);
    rows.push(row);
  }
  if (shown < count) rows.push(output[shown]);
  return rows;
}

/**
 * Whether Node's column count reaches k: round(sqrt(2.5 * b * shown) / b) >= k, where
 * b = max(width - 3 - sqrt(width - total / count), 1). That is 10 * shown >= b * (2k - 1)^2,
 * decided without roots: with b = 1 directly, else by squaring the remaining root.
 */
function fitsColumns(k: number, width: number, total: number, count: number, shown: number): boolean {
  const q = (2 * k - 1) * (2 * k - 1);
  const spread = width * count - total; // count * (width - total / count)
  const clamped = width <= 4 || (width - 4) * (width - 4) * count <= spread;
  if (clamped) return 10 * shown >= q;
  const rest = (width - 3) * q - 10 * shown;
  return rest <= 0 || spread * q * q >= count * rest * rest;
}

/** A property name: bare when it is an identifier of ASCII letters, digits and _, else quoted
 *  (and __proto__ as a computed key). */
function formatKey(key: string): string {
  if (key.length === 0) return quote(key, 0);
  // Node shows an own property named __proto__ as a computed key, unlike the prototype.
  if (key === "__proto__") return "['__proto__']";
  for (let i = 0; i < key.length; i++) {
    const c = unitAt(key, i);
    const letter = (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;
    if (!letter && !(i > 0 && c >= 0x30 && c <= 0x39)) return quote(key, 0);
  }
  return key;
}

/**
 * A string as Node quotes it: in single quotes, or double quotes or backticks when that
 * avoids escaping a single quote; control characters, the backslash and lone surrogates
 * escaped. A long string with line breaks is split after each one, joined with ` +`.
 */
function quote(s: string, indentation: number): string {
  if (s.length > 16 && s.length > BREAK_LENGTH - indentation - 4 && s.includes("\n")) {
    const parts: string[] = [];
    let from = 0;
    for (let i = 0; i < s.length; i++) {
      if (unitAt(s, i) === 0x0a && i + 1 < s.length) {
        parts.push(quoteOne(s.substring(from, i + 1)));
        from = i + 1;
      }
    }
    parts.push(quoteOne(s.substring(from, s.length)));
    return parts.join(concat(" +\n", " ".repeat(indentation + 2)));
  }
  return quoteOne(s);
}

function quoteOne(s: string): string {
  let mark = 0x27;
  if (s.includes("'")) {
    if (!s.includes("\"")) mark = 0x22;
    else if (!s.includes("`") && !s.includes("${")) mark = 0x60;
  }
  const markText = mark === 0x27 ? "'" : mark === 0x22 ? "\"" : "`";
  let out = markText;
  let run = 0;
  for (let i = 0; i < s.length; i++) {
    const c = unitAt(s, i);
    let escape = "";
    if (c === mark && mark === 0x27) escape = "\\'";
    else if (shortEscape(c).length > 0) escape = shortEscape(c);
    else if (c < 0x20 || c === 0x7f) escape = concat(concat("\\x", HEX.charAt(c >> 4)), HEX.charAt(c & 15));
    else if (c >= 0xd800 && c < 0xe000 && !pairedSurrogate(s, i)) escape = unicodeEscape(c);
    if (escape.length === 0) continue;
    out = concat(concat(out, s.substring(run, i)), escape);
    run = i + 1;
  }
  return concat(concat(out, s.substring(run, s.length)), markText);
}

/** A match array's properties after its elements, as Node lists them. */
function formatMatchProperties(value: unknown, output: string[], depth: number, indentation: number): void {
  const at = addressOf(value);
  output.push(concat("index: ", formatValue(peekValue<unknown>(at + MATCH_INDEX), depth + 1, indentation + 2)));
  output.push(concat("input: ", formatValue(peekValue<unknown>(at + MATCH_INPUT), depth + 1, indentation + 2)));
  output.push(concat("groups: ", formatValue(peekValue<unknown>(at + MATCH_GROUPS), depth + 1, indentation + 2)));
}
