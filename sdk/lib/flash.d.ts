// The contract of a board's flash driver, `mote/flash` (Board.drivers.flash), beneath the app's
// `flash` (sdk/lib/flash.ts, its only user, which checks every argument first). Offsets are
// bytes from the start of the board's flash; reads need no driver (flash is memory-mapped:
// Board.chip.flash.origin + offset). NOR flash rules hold on every board: an erase sets a
// whole sector to 0xFF; programming can only clear bits (a byte becomes old & new), so a byte
// programmed twice without an erase between holds the AND of both.

/** Erases the FLASH_SECTOR_BYTES sector at `offset` (a multiple of it) to 0xFF. Returns when
 *  the flash is readable again. */
export declare function flashEraseSector(offset: number): void;

/**
 * Programs `length` bytes of `data` from `start` at `offset`; the range lies within one
 * FLASH_PAGE_BYTES page (offset % FLASH_PAGE_BYTES + length ≤ FLASH_PAGE_BYTES). Returns when
 * the flash is readable again.
 */
export declare function flashProgram(offset: number, data: Uint8Array, start: number, length: number): void;
