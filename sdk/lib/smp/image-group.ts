// The image management group (1), smp_group_1.rst, on boards with a flash layout: the slots'
// state (cmd 0 read), marking an image for a test or permanent boot or confirming the running
// one (cmd 0 write), uploading into slot 1 with resume (cmd 1, sdk/lib/image/slot-upload.ts)
// and erasing slot 1 (cmd 5). Answers follow what real clients expect (../shared/PROTOCOLS.md,
// "What real SMP clients send and expect"): `images` first, each slot with exactly slot,
// version, hash and the five flags; integers in upload answers, with "rc": 0. A refusal is
// `{"rc": n, "rsn": reason}` (Zephyr's verbose error answer), so a person sees why.
//
// The flags as Zephyr's img_mgmt computes them from the next boot's swap type (MCUboot's
// boot_swap_type): slot 1 is pending when a test or permanent swap is requested, permanent
// for the latter; while a test boot runs (slot 0 swapped in, not confirmed: the next boot
// reverts) slot 0 is not confirmed and slot 1, the image to go back to, is. Slot 0 is active
// when the running app is linked in it (built for mote-boot); an app linked at the flash's
// start (no mote-boot) runs from no slot.

import { FLASH_PRIMARY_OFFSET, FLASH_PRIMARY_SIZE } from "mote/board";
import { symbolAddress } from "mote/intrinsics";
import type { CborWriter } from "../cbor/writer.ts";
import { readSlotImage, type SlotImage } from "../image/slot-image.ts";
import { SlotUpload } from "../image/slot-upload.ts";
import { flashAddress, PRIMARY_SLOT, SECONDARY_SLOT, type Slot } from "../image/slots.ts";
import { confirmRunning, MAGIC_GOOD, readTrailer, requestUpgrade, SWAP_TYPE_NONE, SWAP_TYPE_PERM, SWAP_TYPE_REVERT, SWAP_TYPE_TEST } from "../image/trailer.ts";
import type { SmpHandler } from "./handler.ts";
import { IMAGE_ERASE, IMAGE_STATE, IMAGE_UPLOAD, MGMT_ERR_EBADSTATE, MGMT_ERR_EINVAL, MGMT_ERR_ENOTSUP, MGMT_ERR_EUNKNOWN, MGMT_ERR_OK, OP_READ, OP_WRITE } from "./protocol.ts";
import type { SmpRequest } from "./request.ts";

/** IMAGE_F_NON_BOOTABLE (image.h): the image is not meant to run. */
const NON_BOOTABLE = 0x10;

export class ImageGroup implements SmpHandler {
  private readonly upload: SlotUpload;

  /** `uploadSlot`: where uploads go and what erase erases: slot 1, or slot 0 in mote-boot's
   *  serial recovery (sdk/boot/recovery.ts), where no image runs. */
  constructor(uploadSlot: Slot = SECONDARY_SLOT) {
    this.upload = new SlotUpload(uploadSlot);
  }

  handle(request: SmpRequest, writer: CborWriter): number {
    try {
      return this.command(request, writer);
    } catch (error) {
      // A flash error (an area the board's flash refuses): say which.
      return refuse(writer, MGMT_ERR_EUNKNOWN, (error as Error).message);
    }
  }

  private command(request: SmpRequest, writer: CborWriter): number {
    const command = request.command;
    if (command === IMAGE_STATE && request.op === OP_READ) return writeState(writer);
    if (command === IMAGE_STATE && request.op === OP_WRITE) return setState(request.body, writer);
    if (command === IMAGE_UPLOAD && request.op === OP_WRITE) return this.uploadChunk(request.body, writer);
    if (command === IMAGE_ERASE && request.op === OP_WRITE) return this.erase(request.body, writer);
    return MGMT_ERR_ENOTSUP;
  }

  /** `{image?, len (first chunk), off, sha? (first chunk), data, upgrade?}` → `{rc: 0, off, match?}`. */
  private uploadChunk(body: Record<string, unknown>, writer: CborWriter): number {
    const off = body["off"];
    const data = body["data"];
    const image = body["image"];
    if (!isCount(off) || !(data instanceof Uint8Array)) return refuse(writer, MGMT_ERR_EINVAL, "an upload chunk needs off (an integer) and data (bytes)");
    if (image !== undefined && image !== 0) return refuse(writer, MGMT_ERR_EINVAL, "this device has one image (number 0)");
    const upload = this.upload;
    let rc = MGMT_ERR_OK;
    if (off === 0) {
      const length = body["len"];
      const sha = body["sha"];
      if (!isCount(length)) return refuse(writer, MGMT_ERR_EINVAL, "the first chunk needs len, the image's length");
      if (sha !== undefined && !(sha instanceof Uint8Array)) return refuse(writer, MGMT_ERR_EINVAL, "sha must be bytes");
      rc = upload.begin(length as number, sha === undefined ? undefined : sha as Uint8Array, data);
    } else {
      rc = upload.write(off as number, data);
    }
    if (rc !== MGMT_ERR_OK) return refuse(writer, rc, upload.reason);
    const match = upload.match;
    const complete = upload.active && upload.offset === upload.length && match !== undefined;
    writer.map(complete ? 3 : 2);
    writer.text("rc");
    writer.uint(0);
    writer.text("off");
    writer.uint(upload.active ? upload.offset : 0);
    if (complete) {
      writer.text("match");
      writer.boolean(match === true);
    }
    return MGMT_ERR_OK;
  }

  /** `{slot?}`: erases the upload slot (slot 1, the only one that may be, but in recovery). */
  private erase(body: Record<string, unknown>, writer: CborWriter): number {
    const slot = body["slot"];
    const own = this.upload.slot;
    if (slot !== undefined && slot !== own) return refuse(writer, MGMT_ERR_EINVAL, own === SECONDARY_SLOT ? "only slot 1 may be erased" : "only slot 0 may be erased in serial recovery");
    const rc = this.upload.erase();
    if (rc !== MGMT_ERR_OK) return refuse(writer, rc, this.upload.reason);
    writer.map(1);
    writer.text("rc");
    writer.uint(0);
    return MGMT_ERR_OK;
  }
}

/** `{hash?, confirm?}`: confirm the running image (no hash, or slot 0's), or mark slot 1's
 *  image for a test boot (confirm false) or a permanent one; answers the new state. */
function setState(body: Record<string, unknown>, writer: CborWriter): number {
  const hash = body["hash"];
  const confirm = body["confirm"] === true;
  if (hash !== undefined && !(hash instanceof Uint8Array)) return refuse(writer, MGMT_ERR_EINVAL, "hash must be bytes");
  const primary = readSlotImage(PRIMARY_SLOT);
  const secondary = readSlotImage(SECONDARY_SLOT);
  try {
    if (hash === undefined || (primary !== undefined && sameHash(primary, hash as Uint8Array))) {
      if (!confirm) return refuse(writer, MGMT_ERR_EINVAL, hash === undefined ? "a test needs the hash of the image in slot 1" : "that image runs already; confirm it instead");
      if (!runsFromPrimary()) return refuse(writer, MGMT_ERR_EBADSTATE, "the running app is not in slot 0 (no mote-boot started it): there is no image to confirm");
      confirmRunning();
    } else if (secondary !== undefined && sameHash(secondary, hash as Uint8Array)) {
      requestUpgrade(confirm);
    } else {
      return refuse(writer, MGMT_ERR_EINVAL, "no image in the slots has that hash");
    }
  } catch (error) {
    return refuse(writer, MGMT_ERR_EBADSTATE, (error as Error).message);
  }
  return writeState(writer);
}

/** `{"images": [{slot, version, hash, bootable, pending, confirmed, active, permanent}…]}`. */
function writeState(writer: CborWriter): number {
  const primary = readSlotImage(PRIMARY_SLOT);
  const secondary = readSlotImage(SECONDARY_SLOT);
  const swap = nextSwapType();
  writer.map(1);
  writer.text("images");
  writer.array((primary === undefined ? 0 : 1) + (secondary === undefined ? 0 : 1));
  if (primary !== undefined) {
    writeSlot(writer, PRIMARY_SLOT, primary, false, swap !== SWAP_TYPE_REVERT, runsFromPrimary(), false);
  }
  if (secondary !== undefined) {
    const pending = swap === SWAP_TYPE_TEST || swap === SWAP_TYPE_PERM;
    writeSlot(writer, SECONDARY_SLOT, secondary, pending, swap === SWAP_TYPE_REVERT, false, swap === SWAP_TYPE_PERM);
  }
  return MGMT_ERR_OK;
}

function writeSlot(writer: CborWriter, slot: Slot, image: SlotImage, pending: boolean, confirmed: boolean, active: boolean, permanent: boolean): void {
  writer.map(8);
  writer.text("slot");
  writer.uint(slot);
  writer.text("version");
  writer.text(image.version);
  writer.text("hash");
  writer.bytes(image.hash);
  writer.text("bootable");
  writer.boolean((image.flags & NON_BOOTABLE) === 0);
  writer.text("pending");
  writer.boolean(pending);
  writer.text("confirmed");
  writer.boolean(confirmed);
  writer.text("active");
  writer.boolean(active);
  writer.text("permanent");
  writer.boolean(permanent);
}

/** What the bootloader will do at the next reset (MCUboot's boot_swap_type table): a
 *  requested test or permanent swap of slot 1, a revert of an unconfirmed test boot, or nothing. */
function nextSwapType(): number {
  const secondary = readTrailer(SECONDARY_SLOT);
  if (secondary.magic === MAGIC_GOOD) {
    if (secondary.swapType === SWAP_TYPE_TEST || secondary.swapType === SWAP_TYPE_PERM) return secondary.swapType;
    return secondary.imageOk ? SWAP_TYPE_PERM : SWAP_TYPE_TEST;
  }
  const primary = readTrailer(PRIMARY_SLOT);
  if (primary.magic === MAGIC_GOOD && !primary.imageOk && primary.copyDone) return SWAP_TYPE_REVERT;
  return SWAP_TYPE_NONE;
}

/** True when the running app is linked in slot 0 (its image ends inside it). */
function runsFromPrimary(): boolean {
  const imageEnd = symbolAddress("__data_load") - flashAddress();
  return imageEnd > FLASH_PRIMARY_OFFSET && imageEnd <= FLASH_PRIMARY_OFFSET + FLASH_PRIMARY_SIZE;
}

function sameHash(image: SlotImage, hash: Uint8Array): boolean {
  if (hash.length !== image.hash.length) return false;
  for (let i = 0; i < hash.length; i++) if (hash[i] !== image.hash[i]) return false;
  return true;
}

/** A non-negative integer (offsets and lengths are far below 2^30). */
function isCount(value: unknown): boolean {
  return typeof value === "number" && value >= 0 && value <= 0x3fffffff && value % 1 === 0;
}

/** `{"rc": rc, "rsn": reason}`: a refusal that says why (returns rc, so the server counts it). */
function refuse(writer: CborWriter, rc: number, reason: string): number {
  writer.reset();
  writer.map(2);
  writer.text("rc");
  writer.uint(rc);
  writer.text("rsn");
  writer.text(reason);
  return rc;
}
