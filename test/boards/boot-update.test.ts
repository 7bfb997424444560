// mote-boot (sdk/boot) on the boards with a flash layout, from a flash file that persists
// across runs as a device's flash across resets: it boots a signed app from the primary slot;
// swaps to an update in test state, which stays once it confirmed itself; reverts an update
// that never confirmed or crashed before it could; and refuses damaged, foreign, unsigned,
// truncated and misplaced images, keeping the running one.

import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { findBoard } from "../../boards/index.ts";
import { qemuAvailable } from "../../sdk/sim/index.ts";
import { uploadToSecondary } from "../../sdk/sim/boot-flash.ts";
import { IMAGE_MAGIC } from "../../flash-tool/image/header.ts";
import { headerSizeFor } from "../../flash-tool/image/board-image.ts";
import { parseVersion } from "../../flash-tool/image/header.ts";
import { concat, signImage } from "../../flash-tool/image/sign.ts";
import { encodeTlvArea, TLV_INFO_MAGIC, TlvType } from "../../flash-tool/image/tlv.ts";
import { bootOnce, flashFileWith, flashNow, otherKey, signedApp, slotApp, trustedKey } from "./boot-images.ts";

const BOARDS = ["mps2-an385", "pico", "microbit"].filter((id) => findBoard(id).simulator.kind !== "qemu" || qemuAvailable());
const TIMEOUT = 600_000;

describe("mote-boot", () => {
  for (const id of BOARDS) {
    const board = findBoard(id);
    const layout = board.flashLayout!;

    it(`boots, updates in test state, keeps a confirmed update, and reverts one that never confirms or crashes on ${id}`, { timeout: TIMEOUT }, async () => {
      const v1 = signedApp(id, "boot-app.ts", "1.0.0");
      const file = flashFileWith(board, { image: v1 });
      let boot = await bootOnce(board, file);
      expect(boot.run.reason, boot.run.simulatorLog).toBe("exit");
      expect(boot.stdout).toBe("mote-boot: starting 1.0.0\napp 1.0.0\n");

      // v2 in test state: swapped in, it confirms itself, and stays after a reset; v1 waits in
      // the secondary, byte for byte.
      uploadToSecondary(board, file, { image: signedApp(id, "boot-app-confirm.ts", "2.0.0"), request: "test" });
      boot = await bootOnce(board, file);
      expect(boot.stdout).toMatch(/^mote-boot: test swap to 2\.0\.0 \(\d+ sectors\)\nmote-boot: starting 2\.0\.0\napp 2\.0\.0 confirmed\n$/);
      expect(flashNow(file).subarray(layout.secondary.offset, layout.secondary.offset + v1.length)).toEqual(v1);
      boot = await bootOnce(board, file);
      expect(boot.stdout).toBe("mote-boot: starting 2.0.0\napp 2.0.0 confirmed\n");

      // v3 never confirms: it runs once, and the next reset goes back to v2.
      uploadToSecondary(board, file, { image: signedApp(id, "boot-app.ts", "3.0.0"), request: "test" });
      boot = await bootOnce(board, file);
      expect(boot.stdout).toMatch(/^mote-boot: test swap to 3\.0\.0 .*\nmote-boot: starting 3\.0\.0\napp 3\.0\.0\n$/);
      boot = await bootOnce(board, file);
      expect(boot.stdout).toMatch(/^mote-boot: the test image did not confirm itself: reverting\nmote-boot: revert swap to 2\.0\.0 .*\nmote-boot: starting 2\.0\.0\napp 2\.0\.0 confirmed\n$/);
      boot = await bootOnce(board, file);
      expect(boot.stdout).toBe("mote-boot: starting 2.0.0\napp 2.0.0 confirmed\n");

      // v4 crashes at start: reverted the same way.
      uploadToSecondary(board, file, { image: signedApp(id, "boot-app-crash.ts", "4.0.0"), request: "test" });
      boot = await bootOnce(board, file);
      expect(boot.stdout).toMatch(/^mote-boot: test swap to 4\.0\.0 .*\nmote-boot: starting 4\.0\.0\napp 4\.0\.0 starting\n/);
      expect(boot.run.exitCode).not.toBe(0);
      boot = await bootOnce(board, file);
      expect(boot.stdout).toMatch(/reverting\nmote-boot: revert swap to 2\.0\.0 .*\nmote-boot: starting 2\.0\.0\napp 2\.0\.0 confirmed\n$/);

      // A permanent update needs no confirmation.
      uploadToSecondary(board, file, { image: signedApp(id, "boot-app.ts", "5.0.0"), request: "permanent" });
      boot = await bootOnce(board, file);
      expect(boot.stdout).toMatch(/^mote-boot: permanent swap to 5\.0\.0 .*\nmote-boot: starting 5\.0\.0\napp 5\.0\.0\n$/);
      boot = await bootOnce(board, file);
      expect(boot.stdout).toBe("mote-boot: starting 5.0.0\napp 5.0.0\n");
    });

    it(`refuses tampered, foreign, unsigned, truncated and misplaced updates and keeps the running image on ${id}`, { timeout: TIMEOUT }, async () => {
      const v1 = signedApp(id, "boot-app.ts", "1.0.0");
      const good = signedApp(id, "boot-app.ts", "2.0.0");
      const headerSize = headerSizeFor(board.chip);
      const body = slotApp(id, "boot-app.ts", "2.0.0");
      const tamperedBody = good.slice();
      tamperedBody[headerSize + 100] ^= 0x01;
      const tamperedHeader = good.slice();
      tamperedHeader[21] ^= 0x01; // the minor version
      const unsigned = good.slice(0, headerSize + body.length); // header and body, no TLV area
      const truncated = good.slice(0, headerSize + (body.length >> 1));
      const misplaced = signImage(body, { key: trustedKey, version: parseVersion("2.0.0"), headerSize, loadAddress: board.chip.flash.origin + layout.secondary.offset }).bytes;
      // Signed by imgtool without a key: the hash, no KEYHASH or signature.
      const hashed = good.slice(0, headerSize + body.length);
      const hashOnly = concat([hashed, encodeTlvArea(TLV_INFO_MAGIC, [{ type: TlvType.SHA256, data: createHash("sha256").update(hashed).digest() }])]);
      const whole = /not a whole image \(no image header, or lengths or TLV areas that do not fit: damaged, truncated or unsigned\)/;
      const cases: Array<[string, Uint8Array, RegExp]> = [
        ["tampered body", tamperedBody, /damaged \(SHA-256 differs from its SHA256 TLV\)/],
        ["tampered header", tamperedHeader, /damaged \(SHA-256 differs from its SHA256 TLV\)/],
        ["wrong key", signedApp(id, "boot-app.ts", "2.0.0", otherKey), /signed with another key/],
        ["hash but no signature", hashOnly, /unsigned \(no KEYHASH and ED25519 TLVs\)/],
        ["no TLVs at all", unsigned, whole],
        ["truncated", truncated, whole],
        ["wrong load address", misplaced, /built for another address/],
        ["not an image", new Uint8Array(4096).fill(0x5a), whole],
      ];
      expect(new DataView(good.buffer).getUint32(0, true)).toBe(IMAGE_MAGIC);
      const file = flashFileWith(board, { image: v1, confirmed: true });
      for (const [what, image, reason] of cases) {
        uploadToSecondary(board, file, { image, request: "test" });
        const boot = await bootOnce(board, file);
        expect(boot.run.reason, `${what}: ${boot.run.simulatorLog}`).toBe("exit");
        const [refusal, ...rest] = boot.stdout.split("\n");
        expect(refusal, what).toMatch(/^mote-boot: update refused: the secondary image is /);
        expect(refusal, what).toMatch(reason);
        expect(rest.join("\n"), what).toBe("mote-boot: starting 1.0.0\napp 1.0.0\n");
        // The request is dropped: the next boot does not try again.
        const again = await bootOnce(board, file);
        expect(again.stdout, what).toBe("mote-boot: starting 1.0.0\napp 1.0.0\n");
      }
    });

    it(`says so and waits when no slot holds a valid image on ${id}`, { timeout: TIMEOUT }, async () => {
      const file = flashFileWith(board);
      const boot = await bootOnce(board, file);
      expect(boot.run.reason, boot.run.simulatorLog).toBe("exit");
      expect(boot.stdout).toBe("mote-boot: no valid image to boot (primary slot: empty); waiting\n");
    });
  }
});
