// Persistent flash on QEMU boards (RunOptions.flashFile, powerCutAtInstruction). QEMU's MPS2
// code memory is RAM that lives as long as the QEMU process, so the harness carries it across
// runs itself:
// - at the start, with the machine held at reset (-S), the flash file is written over the
//   part of flash after the image through qtest (`b64write`): once, unlike a `-device loader`
//   blob, which QEMU would write again at every reset and so undo what the guest wrote;
// - at the end, QMP's `pmemsave` writes the flash region back to the file. A guest that ends
//   itself does so through semihosting, and QEMU exits at once; so the instruction-count
//   plugin (qemu-plugin/insn-count.c, hold=) holds the vCPU before each semihosting call and
//   tells the harness over a Unix socket, which saves and lets it go on. A power cut (cut=N)
//   is held the same way at an exact instruction count, saved, and QEMU ends there.
// The micro:bit's flash is a ROM that only its controller (the NVMC) writes, a word at a time
// and only clearing bits, so there the whole flash is erased through the NVMC first and then
// written, image and file together (writeThroughNvmc).

import { existsSync, readFileSync } from "node:fs";
import net from "node:net";
import type { Board } from "../../boards/types.ts";
import type { QmpClient } from "./qmp.ts";
import type { QtestLink } from "./qtest.ts";
import type { BootImage } from "./types.ts";

const ERASED = 0xff;

/** Writes the flash file's bytes after the image (or erased flash where it has none). */
export async function loadFlashFile(link: QtestLink, board: Board, image: BootImage, file: string): Promise<void> {
  const { origin, length } = board.chip.flash;
  const imageEnd = image.flashOrigin - origin + image.flashBytes.length;
  if (board.chip.family === "nrf51") {
    const contents = existsSync(file) ? Buffer.from(readFileSync(file).subarray(0, length)) : Buffer.alloc(length, ERASED);
    Buffer.from(image.flashBytes).copy(contents, image.flashOrigin - origin);
    return writeThroughNvmc(link, origin, contents);
  }
  const contents = Buffer.alloc(length - imageEnd, ERASED);
  if (existsSync(file)) readFileSync(file).subarray(imageEnd, length).copy(contents);
  await link.command(`b64write 0x${(origin + imageEnd).toString(16)} 0x${contents.length.toString(16)} ${contents.toString("base64")}`);
}

/** nRF51 NVMC registers (nRF51 Reference Manual v3.0, chapter 6; QEMU hw/nvram/nrf51_nvm.c). */
const NVMC_CONFIG = 0x4001e504;
const NVMC_ERASEALL = 0x4001e50c;
const NVMC_WRITE_ENABLE = 1;
const NVMC_ERASE_ENABLE = 2;

/** Erases the nRF51's whole flash and writes `contents` (all of it, from `origin`) as the chip's
 *  controller would, with the machine held at reset. */
async function writeThroughNvmc(link: QtestLink, origin: number, contents: Buffer): Promise<void> {
  await link.command(`writel 0x${NVMC_CONFIG.toString(16)} ${NVMC_ERASE_ENABLE}`);
  await link.command(`writel 0x${NVMC_ERASEALL.toString(16)} 1`);
  await link.command(`writel 0x${NVMC_CONFIG.toString(16)} ${NVMC_WRITE_ENABLE}`);
  await link.command(`b64write 0x${origin.toString(16)} 0x${contents.length.toString(16)} ${contents.toString("base64")}`);
  await link.command(`writel 0x${NVMC_CONFIG.toString(16)} 0`);
}

/** Writes the whole flash region to the file. */
export async function saveFlashFile(qmp: QmpClient, board: Board, file: string): Promise<void> {
  const { origin, length } = board.chip.flash;
  // The nRF51's flash is mapped only in the SoC's own address space, which the CPU sees and
  // pmemsave (system memory) does not: read it as the CPU does.
  if (board.chip.family === "nrf51") await qmp.command("memsave", { val: origin, size: length, filename: file });
  else await qmp.command("pmemsave", { val: origin, size: length, filename: file });
}

export type HoldEvent = "cut" | "exit";

/** The harness's end of the plugin's hold socket: each event is answered (the guest goes on)
 *  once `onEvent` has finished. */
export async function listenForHolds(socketPath: string, onEvent: (event: HoldEvent) => Promise<void>): Promise<net.Server> {
  const server = net.createServer((socket) => {
    let buffered = "";
    socket.setEncoding("utf8");
    socket.on("error", () => {});
    socket.on("data", (text: string) => {
      buffered += text;
      for (let end = buffered.indexOf("\n"); end >= 0; end = buffered.indexOf("\n")) {
        const event = buffered.slice(0, end) as HoldEvent;
        buffered = buffered.slice(end + 1);
        void onEvent(event).catch(() => undefined).finally(() => {
          if (!socket.destroyed) socket.write("g");
        });
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(socketPath, () => resolve());
  });
  return server;
}
