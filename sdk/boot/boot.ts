// mote-boot: the bootloader, device TypeScript built by mote for a board with a flash layout
// (boards/flash-layout.ts: mote-boot at 0, the primary slot (0) the image runs from, the
// secondary (1) an update arrives in, one scratch sector). sdk/boot/build.ts builds it with the
// public key it trusts; the app in the primary is linked there (build's imageSlot).
//
// At every reset, in this order:
// 1. A swap under way (the primary's trailer has its type and size but no copy_done) was cut
//    by a power loss: finish it from its last complete step (swap.ts says why that is safe).
// 2. The primary holds a test image that did not confirm itself (its trailer: copy_done set,
//    image_ok not, type test): ask for a revert by writing a revert request into the
//    secondary's trailer — first, so that a cut from here on still finds a request.
// 3. The secondary's trailer requests a swap (magic, and swap_info test 2 / permanent 3 /
//    revert 4; MCUboot's older form, swap_info erased, is test unless image_ok is set): the
//    secondary's image must verify (verify.ts); then the slots are swapped sector by sector,
//    the old image ending in the secondary, to revert to. A refused image leaves the primary
//    alone and drops the request (its trailer is erased) with the reason on the console.
// 4. The primary's image must verify; then it starts (port startImage: VTOR, MSP, reset
//    vector). Without one, mote-boot says so on the console and waits.
//
// Messages start with "mote-boot: ". Refusals always print; the rest only when built verbose.

import { flash } from "mote/board-flash";
import { FLASH_PRIMARY_OFFSET, FLASH_PRIMARY_SIZE, FLASH_SECONDARY_OFFSET, FLASH_SECONDARY_SIZE } from "mote/board";
import { startImage } from "../lib/rt/port.ts";
import { beginSwap, runSwap, sectorsFor, swapUnderWay } from "./swap.ts";
import { FLAG_SET, IMAGE_OK_AT, MAGIC_GOOD, MAX_SWAP_SECTORS, SWAP_INFO_AT, SWAP_PERM, SWAP_REVERT, SWAP_TEST, Trailer } from "./trailer.ts";
import { readSlotImage, TrustedKey, verifySlotImage, versionText } from "./verify.ts";

const SWAP_NAMES = ["", "none", "test", "permanent", "revert"];

/**
 * Runs mote-boot. `publicKey` and `keyHash`: the trusted key's 32 bytes and its KEYHASH, one
 * byte per code unit; `headerSize`: the image header size of this board's images
 * (flash-tool/image/board-image.ts headerSizeFor); `verbose`: say what is done, not only refusals.
 * Returns only when no image can start.
 */
export function runBootloader(publicKey: string, keyHash: string, headerSize: number, verbose: boolean): void {
  const key = new TrustedKey(bytesOf(publicKey), bytesOf(keyHash));
  const primary = new Trailer(FLASH_PRIMARY_OFFSET, FLASH_PRIMARY_SIZE).read();
  const secondary = new Trailer(FLASH_SECONDARY_OFFSET, FLASH_SECONDARY_SIZE).read();

  if (swapUnderWay(primary)) {
    if (verbose) console.log(`mote-boot: resuming a ${SWAP_NAMES[primary.swapType]} swap`);
    runSwap(primary, secondary);
  } else {
    const untested = primary.magic === MAGIC_GOOD && primary.copyDone && !primary.imageOk && primary.swapType === SWAP_TEST;
    if (untested && requestOf(secondary) === 0) {
      if (verbose) console.log("mote-boot: the test image did not confirm itself: reverting");
      secondary.erase();
      secondary.writeByte(SWAP_INFO_AT, SWAP_REVERT);
      secondary.writeMagic();
      secondary.read();
    }
    const request = requestOf(secondary);
    if (request !== 0) serve(request, primary, secondary, key, headerSize, verbose);
  }

  const image = readSlotImage(FLASH_PRIMARY_OFFSET, FLASH_PRIMARY_SIZE, headerSize);
  const problem = verifySlotImage(image, key);
  if (problem !== "") {
    console.log(`mote-boot: no valid image to boot (primary slot: ${problem}); waiting`);
    return;
  }
  if (verbose) console.log(`mote-boot: starting ${versionText(image)}`);
  startImage(flash.address + FLASH_PRIMARY_OFFSET + image.headerSize);
}

/** The swap the secondary's trailer asks for, or 0. */
function requestOf(trailer: Trailer): number {
  if (trailer.magic !== MAGIC_GOOD) return 0;
  const type = trailer.swapType;
  if (type === SWAP_TEST || type === SWAP_PERM || type === SWAP_REVERT) return type;
  if (type === 0) return trailer.imageOk ? SWAP_PERM : SWAP_TEST;
  return 0;
}

function serve(request: number, primary: Trailer, secondary: Trailer, key: TrustedKey, headerSize: number, verbose: boolean): void {
  const incoming = readSlotImage(FLASH_SECONDARY_OFFSET, FLASH_SECONDARY_SIZE, headerSize);
  let problem = verifySlotImage(incoming, key);
  const current = readSlotImage(FLASH_PRIMARY_OFFSET, FLASH_PRIMARY_SIZE, headerSize);
  const sectors = sectorsFor(current.problem === "" ? current.totalSize : 0, incoming.totalSize);
  if (problem === "" && sectors > MAX_SWAP_SECTORS) problem = `too large to swap (more than ${MAX_SWAP_SECTORS} sectors)`;
  if (problem !== "") {
    const what = request === SWAP_REVERT ? "cannot revert: the secondary image is" : "update refused: the secondary image is";
    console.log(`mote-boot: ${what} ${problem}`);
    secondary.erase();
    secondary.read();
    // Nothing to go back to: the running image stays, and is not asked about again.
    if (request === SWAP_REVERT) primary.writeByte(IMAGE_OK_AT, FLAG_SET);
    return;
  }
  if (verbose) console.log(`mote-boot: ${SWAP_NAMES[request]} swap to ${versionText(incoming)} (${sectors} sectors)`);
  beginSwap(primary, request, sectors);
  runSwap(primary, secondary);
}

function bytesOf(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}
