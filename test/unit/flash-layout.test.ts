// Board flash layouts (boards/flash-layout.ts): every board that has one is sound, and the
// checks catch what would brick a device (overlap, a slot pair of unequal size, areas off
// sector boundaries or past the flash).

import { describe, expect, it } from "vitest";
import { boards, findBoard } from "../../boards/index.ts";
import { checkFlashLayout, flashLayoutConstants, flashLayoutOf } from "../../boards/flash-layout.ts";
import type { Board } from "../../boards/types.ts";

describe("flash layouts", () => {
  it("are sound on every board that has one, and the boards that flash have one", () => {
    for (const board of boards) expect(checkFlashLayout(board), board.id).toEqual([]);
    for (const board of boards.filter((b) => b.drivers.flash)) expect(board.flashLayout, board.id).toBeDefined();
  });

  it("finds overlap, unequal slots, misaligned areas and areas past the flash", () => {
    const pico = findBoard("pico");
    const layout = flashLayoutOf(pico);
    const broken = (change: Partial<typeof layout>): Board => ({ ...pico, flashLayout: { ...layout, ...change } });
    expect(checkFlashLayout(broken({ secondary: { offset: layout.primary.offset + 0x1000, size: layout.primary.size } })).join("\n")).toMatch(/secondary starts at 0x41000, inside the area before it/);
    expect(checkFlashLayout(broken({ secondary: { offset: layout.secondary.offset, size: layout.primary.size - 0x1000 } }))).toContain("the two slots differ in size");
    expect(checkFlashLayout(broken({ scratch: { offset: layout.scratch.offset + 0x10, size: 0x1000 } })).join("\n")).toMatch(/scratch: .*whole 4096-byte sectors/);
    expect(checkFlashLayout(broken({ settings: { offset: 0x1f0000, size: 0x20000 } })).join("\n")).toMatch(/past the 2097152-byte flash/);
    // And nothing that reads a layout takes an unsound one.
    expect(() => flashLayoutOf(broken({ secondary: { offset: layout.secondary.offset, size: layout.primary.size - 0x1000 } }))).toThrow("board 'pico': its flash layout is unsound: the two slots differ in size");
  });

  it("reach device code as mote/board constants, and a board without one says so", () => {
    const lines = flashLayoutConstants(findBoard("mps2-an385"));
    expect(lines).toContain("export const HAS_FLASH_LAYOUT = true;");
    expect(lines).toContain(`export const FLASH_SECONDARY_OFFSET = ${0x140000};`);
    expect(flashLayoutConstants(findBoard("lm3s6965evb"))).toContain("export const HAS_FLASH_LAYOUT = false;");
    expect(() => flashLayoutOf(findBoard("lm3s6965evb"))).toThrow("board 'lm3s6965evb' has no flash layout");
  });
});
