// The board's flash, as device code sees it: `import { flash } from "mote"`. The layer the
// bootloader's image slots and the key/value storage sit on (issue 10). Geometry is the same
// on every board that has it: 4 KB sectors (the erase unit) and 256-byte pages (the program
// unit) as on the NOR chips mote's boards use (W25Q16JV behind the RP2040: its datasheet's
// Sector Erase (20h) and Page Program (02h)). Only the free area, from the first sector after the
// image to the end of flash, may be erased or programmed: the image is never overwritten
// from under itself. Reads are plain memory reads (flash is memory-mapped on every board).
//
// The NOR rules hold on every board (the driver, sdk/lib/flash.d.ts, guarantees them): an
// erase sets a sector's bytes to 0xFF; programming can only clear bits, so programming a
// byte that is not 0xFF leaves the AND of the old and the new value.
// Boards without a flash driver have no `flash` (a compile error naming the board).

import { flashEraseSector, flashProgram } from "mote/flash";
import { peek8, symbolAddress } from "mote/intrinsics";

export const FLASH_SECTOR_BYTES = 4096;
export const FLASH_PAGE_BYTES = 256;

export class Flash {
  /** The erase unit, in bytes. */
  readonly sectorSize = FLASH_SECTOR_BYTES;
  /** The program unit, in bytes: a program call is split at page boundaries. */
  readonly pageSize = FLASH_PAGE_BYTES;
  /** Where the free area starts, as an offset: the first sector after the image. */
  readonly freeStart: number;

  /** `address`: where the flash is mapped; `size`: its size in bytes. */
  constructor(readonly address: number, readonly size: number) {
    // The image ends with its initialized data's load copy (sdk/compiler/link/link.ts).
    const imageEnd = symbolAddress("__data_load") + (symbolAddress("__data_end") - symbolAddress("__data_start")) - address;
    const roundedUp = imageEnd + FLASH_SECTOR_BYTES - 1;
    this.freeStart = roundedUp - (roundedUp % FLASH_SECTOR_BYTES);
  }

  /** Erases the sector at `offset` (a multiple of sectorSize, in the free area) to 0xFF. */
  erase(offset: number): void {
    if (offset % FLASH_SECTOR_BYTES !== 0) {
      throw new RangeError(`flash.erase(${offset}): not at a sector boundary (a multiple of ${FLASH_SECTOR_BYTES})`);
    }
    this.checkFree("erase", offset, FLASH_SECTOR_BYTES);
    flashEraseSector(offset);
  }

  /** Programs the first `length` bytes of `data` (all of it by default) at `offset`, a page
   *  at a time. Bits only go from 1 to 0: erase first to write arbitrary bytes. */
  program(offset: number, data: Uint8Array, length?: number): void {
    const count = length === undefined ? data.length : length;
    if (!(count >= 0 && count <= data.length)) {
      throw new RangeError(`flash.program: length ${count} is outside the data's 0 to ${data.length} bytes`);
    }
    this.checkFree("program", offset, count);
    let done = 0;
    while (done < count) {
      const at = offset + done;
      const room = FLASH_PAGE_BYTES - (at % FLASH_PAGE_BYTES);
      const chunk = count - done < room ? count - done : room;
      flashProgram(at, data, done, chunk);
      done += chunk;
    }
  }

  /** Reads `into.length` bytes (or `length`) from `offset`; any part of the flash. */
  read(offset: number, into: Uint8Array, length?: number): Uint8Array {
    const count = length === undefined ? into.length : length;
    if (!(count >= 0 && count <= into.length)) {
      throw new RangeError(`flash.read: length ${count} is outside the buffer's 0 to ${into.length} bytes`);
    }
    this.checkInside("read", offset, count);
    for (let i = 0; i < count; i++) into[i] = peek8(this.address + offset + i);
    return into;
  }

  /** The byte at `offset`. */
  readByte(offset: number): number {
    this.checkInside("readByte", offset, 1);
    return peek8(this.address + offset);
  }

  private checkInside(what: string, offset: number, count: number): void {
    if (!(offset >= 0 && offset + count <= this.size)) {
      throw new RangeError(`flash.${what}(${offset}): ${count} bytes there are outside the flash (0 to ${this.size})`);
    }
  }

  private checkFree(what: string, offset: number, count: number): void {
    this.checkInside(what, offset, count);
    if (offset < this.freeStart) {
      throw new RangeError(`flash.${what}(${offset}): inside the image (offsets 0 to ${this.freeStart}); the free area is ${this.freeStart} to ${this.size}`);
    }
  }
}
