// How a board that takes updates divides its flash (DESIGN.md, "Flashing and updates"):
// mote-boot first, then the two image slots MCUboot's format expects, a scratch sector the
// swap may use to keep a sector in flight, and the settings area the key/value storage
// lives in. Offsets and sizes are bytes from the start of the flash (Chip.flash.origin), each
// a whole number of erase sectors (FLASH_SECTOR_BYTES, sdk/lib/flash.ts), in this order and
// without overlap. The slots are equal: a swap moves one image's sectors into the other.

import type { Board, FlashArea, FlashLayout } from "./types.ts";

/** The erase unit every flash driver takes (sdk/lib/flash.ts FLASH_SECTOR_BYTES). */
export const SECTOR_BYTES = 4096;

/** The areas in flash order, with the names `mote/board` gives them (FLASH_<NAME>_OFFSET/_SIZE). */
export const FLASH_AREAS = ["boot", "primary", "secondary", "scratch", "settings"] as const;
export type FlashAreaName = (typeof FLASH_AREAS)[number];

/** The board's layout, or an error naming the board when it takes no updates or its layout
 *  is unsound (checkFlashLayout): nothing is built or flashed for a layout that could brick. */
export function flashLayoutOf(board: Board): FlashLayout {
  if (!board.flashLayout) {
    throw new Error(`board '${board.id}' has no flash layout (mote-boot, image slots, settings): it does not take updates`);
  }
  const problems = checkFlashLayout(board);
  if (problems.length > 0) throw new Error(`board '${board.id}': its flash layout is unsound: ${problems.join("; ")}`);
  return board.flashLayout;
}

/** Problems with a layout, as sentences (none: it is sound). */
export function checkFlashLayout(board: Board): string[] {
  const layout = board.flashLayout;
  if (!layout) return [];
  const problems: string[] = [];
  let end = 0;
  for (const name of FLASH_AREAS) {
    const area: FlashArea = layout[name];
    if (area.offset % SECTOR_BYTES !== 0 || area.size % SECTOR_BYTES !== 0 || area.size <= 0) {
      problems.push(`${name}: offset 0x${area.offset.toString(16)} and size 0x${area.size.toString(16)} must be whole ${SECTOR_BYTES}-byte sectors`);
    }
    if (area.offset < end) problems.push(`${name} starts at 0x${area.offset.toString(16)}, inside the area before it (which ends at 0x${end.toString(16)})`);
    end = area.offset + area.size;
  }
  if (end > board.chip.flash.length) problems.push(`the settings area ends at 0x${end.toString(16)}, past the ${board.chip.flash.length}-byte flash`);
  if (layout.primary.size !== layout.secondary.size) problems.push("the two slots differ in size");
  if (layout.boot.offset !== 0) problems.push("mote-boot must start the flash, where the core boots");
  return problems;
}

/** `mote/board`'s constants for the layout: FLASH_PRIMARY_OFFSET, FLASH_PRIMARY_SIZE, … */
export function flashLayoutConstants(board: Board): string[] {
  const layout = board.flashLayout;
  const lines = [`export const HAS_FLASH_LAYOUT = ${layout !== undefined};`];
  for (const name of FLASH_AREAS) {
    const area = layout?.[name] ?? { offset: 0, size: 0 };
    lines.push(`export const FLASH_${name.toUpperCase()}_OFFSET = ${area.offset};`, `export const FLASH_${name.toUpperCase()}_SIZE = ${area.size};`);
  }
  return lines;
}
