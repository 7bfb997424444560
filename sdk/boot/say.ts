// mote-boot's console: text and small numbers written a byte at a time to the console driver,
// with no string built on the way (the bare profile allows no allocation at run time, and
// console.log's formatting would link the number printer).

import { consoleWrite } from "mote/console";
import { slotByte, slotU16, slotU32, type Slot } from "../lib/image/slots.ts";

const NEWLINE = 10;
const DIGITS = new Uint8Array(10);

/** Writes `text` (Latin-1). */
export function say(text: string): void {
  for (let i = 0; i < text.length; i++) consoleWrite(text.charCodeAt(i) & 0xff);
}

/** Writes `text` and a newline. */
export function sayLine(text: string): void {
  say(text);
  consoleWrite(NEWLINE);
}

/** Writes a non-negative integer in decimal. */
export function sayNumber(n: number): void {
  let count = 0;
  do {
    DIGITS[count++] = n % 10;
    n = (n / 10) | 0;
  } while (n > 0 && count < DIGITS.length);
  while (count > 0) consoleWrite(0x30 + DIGITS[--count]);
}

/** Writes the version in the image header at the start of `slot` as mcumgr prints it:
 *  major.minor.revision, and +build when build is not 0 (MCUboot's image_version). */
export function sayVersion(slot: Slot): void {
  sayNumber(slotByte(slot, 20));
  say(".");
  sayNumber(slotByte(slot, 21));
  say(".");
  sayNumber(slotU16(slot, 22));
  const build = slotU32(slot, 24);
  if (build !== 0) {
    say("+");
    sayNumber(build);
  }
}
