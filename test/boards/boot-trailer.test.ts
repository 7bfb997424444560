// mote-boot's trailer offsets (sdk/boot/trailer.ts, device code) are the host's
// trailerLayout (flash-tool/image/trailer.ts) for each board with a flash layout: the device
// and the host tools read and write the same bytes. The device file is read as text (it
// imports device modules Node cannot load).

import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { boards } from "../../boards/index.ts";
import { SECTOR_BYTES } from "../../boards/flash-layout.ts";
import { SLOT_TRAILER_SECTOR_BYTES } from "../../flash-tool/image/board-image.ts";
import { slotTrailerLayout } from "../../sdk/sim/boot-flash.ts";

const here = path.dirname(fileURLToPath(import.meta.url));
const source = readFileSync(path.join(here, "../../sdk/boot/trailer.ts"), "utf8");

function deviceConstant(name: string): number {
  const match = new RegExp(`export const ${name} = (\\w+);`).exec(source);
  if (!match) throw new Error(`sdk/boot/trailer.ts has no constant ${name}`);
  return Number(match[1]);
}

describe("mote-boot's slot trailer", () => {
  for (const board of boards.filter((b) => b.flashLayout)) {
    it(`has the host's layout on ${board.id}`, () => {
      const layout = slotTrailerLayout(board);
      expect(deviceConstant("TRAILER_BYTES")).toBe(layout.size);
      expect(deviceConstant("STATUS_AT")).toBe(layout.swapStatus);
      expect(deviceConstant("SWAP_SIZE_AT")).toBe(layout.swapSize);
      expect(deviceConstant("SWAP_INFO_AT")).toBe(layout.swapInfo);
      expect(deviceConstant("COPY_DONE_AT")).toBe(layout.copyDone);
      expect(deviceConstant("IMAGE_OK_AT")).toBe(layout.imageOk);
      expect(deviceConstant("MAGIC_AT")).toBe(layout.magic);
      expect(deviceConstant("MAX_SWAP_SECTORS")).toBe(layout.maxSectors);
      expect(deviceConstant("SECTOR_BYTES")).toBe(SECTOR_BYTES);
      // The trailer fits the sector no image may use.
      expect(layout.size).toBeLessThanOrEqual(SLOT_TRAILER_SECTOR_BYTES);
    });
  }
});
