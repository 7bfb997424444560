// mote-boot: the bootloader, device TypeScript built by mote for a board with a flash layout
// (boards/flash-layout.ts: mote-boot at 0, the primary slot (0) the image runs from, the
// secondary (1) an update arrives in, one scratch sector). sdk/boot/build.ts builds it with the
// public key it trusts; the app in the primary is linked there (build's imageSlot). The slots
// and their trailers are read and written through the slot library (sdk/lib/image), as the
// app's `image.confirm()` and the SMP image group do.
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
//    vector; a Cortex-M0 has no VTOR, so mote-boot's own table forwards every exception to
//    the app's: ports/armv6m/rt/forward-vectors.ts). Without one, mote-boot says so on the
//    console and waits.
//
// Messages start with "mote-boot: ". Refusals always print; the rest only when built verbose.

import { startImage } from "../lib/rt/port.ts";
import { MAGIC_GOOD, MAGIC_UNSET, readTrailerInto, SWAP_TYPE_PERM, SWAP_TYPE_REVERT, SWAP_TYPE_TEST, Trailer, writeImageOk, writeMagic, writeSwapInfo } from "../lib/image/trailer.ts";
import { flashAddress, PRIMARY_SLOT, SECONDARY_SLOT, slotOffset } from "../lib/image/slots.ts";
import { beginSwap, eraseTrailer, runSwap, sectorsFor, swapUnderWay } from "./swap.ts";
import { findImage, imageIn, PROBLEM_EMPTY, PROBLEM_NONE, PROBLEM_NOT_WHOLE, sayProblem, trustedKeyHash, trustedPublicKey, verifyImage } from "./verify.ts";
import { say, sayLine, sayNumber, sayVersion } from "./say.ts";

/** The trailers as last read (module-level: the bare profile allocates nothing at run time). */
const primaryTrailer = new Trailer(MAGIC_UNSET, 0, 0, false, false, -1);
const secondaryTrailer = new Trailer(MAGIC_UNSET, 0, 0, false, false, -1);

/**
 * Runs mote-boot. `publicKey` and `keyHash`: the trusted key's 32 bytes and its KEYHASH, one
 * byte per code unit; `headerSize`: the image header size of this board's images
 * (flash-tool/image/board-image.ts headerSizeFor); `verbose`: say what is done, not only refusals.
 * `recovery`: serial recovery follows (recovery.ts) when no image can start.
 * Returns only when no image can start.
 */
export function runBootloader(publicKey: string, keyHash: string, headerSize: number, verbose: boolean, recovery: boolean): void {
  copyBytes(trustedPublicKey, publicKey);
  copyBytes(trustedKeyHash, keyHash);
  const primary = readTrailerInto(PRIMARY_SLOT, primaryTrailer);

  if (swapUnderWay(primary)) {
    if (verbose) {
      say("mote-boot: resuming a ");
      saySwapType(primary.swapType);
      sayLine(" swap");
    }
    runSwap();
  } else {
    const untested = primary.magic === MAGIC_GOOD && primary.copyDone && !primary.imageOk && primary.swapType === SWAP_TYPE_TEST;
    if (untested && requestOf(readTrailerInto(SECONDARY_SLOT, secondaryTrailer)) === 0) {
      if (verbose) sayLine("mote-boot: the test image did not confirm itself: reverting");
      eraseTrailer(SECONDARY_SLOT);
      writeSwapInfo(SECONDARY_SLOT, SWAP_TYPE_REVERT);
      writeMagic(SECONDARY_SLOT);
    }
    const request = requestOf(readTrailerInto(SECONDARY_SLOT, secondaryTrailer));
    if (request !== 0) serve(request, headerSize, verbose);
  }

  const problem = verifyImage(PRIMARY_SLOT, headerSize);
  if (problem !== PROBLEM_NONE) {
    say("mote-boot: no valid image to boot (primary slot: ");
    sayProblem(problem, PRIMARY_SLOT, headerSize);
    sayLine(recovery ? ")" : "); waiting");
    return;
  }
  if (verbose) {
    say("mote-boot: starting ");
    sayVersion(PRIMARY_SLOT);
    sayLine("");
  }
  startImage(flashAddress() + slotOffset(PRIMARY_SLOT) + imageIn(PRIMARY_SLOT).headerSize);
}

/** The swap the secondary's trailer asks for, or 0. */
function requestOf(trailer: Trailer): number {
  if (trailer.magic !== MAGIC_GOOD) return 0;
  const type = trailer.swapType;
  if (type === SWAP_TYPE_TEST || type === SWAP_TYPE_PERM || type === SWAP_TYPE_REVERT) return type;
  if (type === 0) return trailer.imageOk ? SWAP_TYPE_PERM : SWAP_TYPE_TEST;
  return 0;
}

function serve(request: number, headerSize: number, verbose: boolean): void {
  const problem = verifyImage(SECONDARY_SLOT, headerSize);
  if (problem !== PROBLEM_NONE) {
    say(request === SWAP_TYPE_REVERT ? "mote-boot: cannot revert: the secondary image is " : "mote-boot: update refused: the secondary image is ");
    sayProblem(problem, SECONDARY_SLOT, headerSize);
    sayLine("");
    eraseTrailer(SECONDARY_SLOT);
    // Nothing to go back to: the running image stays, and is not asked about again.
    if (request === SWAP_TYPE_REVERT) writeImageOk(PRIMARY_SLOT);
    return;
  }
  const current = findImage(PRIMARY_SLOT, headerSize);
  const primaryBytes = current === PROBLEM_EMPTY || current === PROBLEM_NOT_WHOLE ? 0 : imageIn(PRIMARY_SLOT).totalSize;
  const sectors = sectorsFor(primaryBytes, imageIn(SECONDARY_SLOT).totalSize);
  if (verbose) {
    say("mote-boot: ");
    saySwapType(request);
    say(" swap to ");
    sayVersion(SECONDARY_SLOT);
    say(" (");
    sayNumber(sectors);
    sayLine(" sectors)");
  }
  beginSwap(request, sectors);
  runSwap();
}

function copyBytes(into: Uint8Array, text: string): void {
  for (let i = 0; i < text.length; i++) into[i] = text.charCodeAt(i);
}

/** The swap type's name (an array of names would link the array code into mote-boot). */
function saySwapType(type: number): void {
  if (type === SWAP_TYPE_TEST) say("test");
  else if (type === SWAP_TYPE_PERM) say("permanent");
  else if (type === SWAP_TYPE_REVERT) say("revert");
  else say("none");
}
