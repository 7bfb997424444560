// The image commands that talk to a device — `mote image list|upload|test|confirm|erase
// --port <tty>` — and `mote flash <app.ts | image> --port <tty>`, which does the whole update:
// build and sign (for a .ts), check the image fits the device's board, upload into slot 1
// with a progress bar (resuming where the device is), check the device's hash, mark the image
// for a test boot (or permanently), reset, wait for the device to answer again and say what
// it runs. The device side is the SMP image group (sdk/lib/smp/image-group.ts); mote-boot
// (sdk/boot) swaps the slots at the reset. stdout carries what was asked for (the slot list);
// the steps and failures go to stderr as `mote: …`.

import fs from "node:fs";
import path from "node:path";
import { SECTOR_BYTES } from "../../boards/flash-layout.ts";
import type { Board } from "../../boards/types.ts";
import { parse, UsageError } from "../../sdk/cli/args.ts";
import { lookUpBoard, unknownBoardMessage } from "../../sdk/cli/run-app.ts";
import { headerSizeFor, loadAddressFor } from "../image/board-image.ts";
import { formatVersion, ImageFlags, parseVersion } from "../image/header.ts";
import { KeyError, privateKeyFromPem } from "../image/keys.ts";
import { findTlv, ImageFormatError, parseImage, type ParsedImage } from "../image/parse.ts";
import { signImage } from "../image/sign.ts";
import { TlvType } from "../image/tlv.ts";
import { hex } from "../image/verify.ts";
import { MoteCommand, SmpClient, SmpError, SmpGroup, SmpOp, SmpResponseError, SmpTimeoutError, type ImageSlotState } from "../smp/index.ts";
import { PORT_ARGS, PORT_OPTIONS, withDevice, type DeviceConnection } from "./device-port.ts";
import { UploadProgressView } from "./upload-progress.ts";

export const DEVICE_IMAGE_USAGE = `Usage:
  mote image list --port <tty> [--json]
  mote image upload <image> --port <tty>
  mote image test <hash> --port <tty>
  mote image confirm [hash] --port <tty>
  mote image erase --port <tty>

list     the images in the device's slots: version, hash and state (active, confirmed,
         pending for the next boot, permanent)
upload   puts a signed image into slot 1 (slot 0 in mote-boot's serial recovery), with a
         progress bar; run it again after an interruption and it goes on from where the
         device is
test     marks the image in slot 1 (by its hash) for one test boot at the next reset
confirm  without a hash: keeps the running image (ends its test); with slot 1's hash: makes
         that image the one to boot from now on
erase    erases slot 1 (refused while an update waits there for the reset)

Options:
${PORT_OPTIONS}
      --json             (list) the slots as JSON`;

export const FLASH_USAGE = `Usage: mote flash <app.ts | image.signed.bin> --port <tty> [options]

Updates a device over its serial port: builds and signs an app (for the board the device
reports, or --board), uploads the image into slot 1 with a progress bar, checks the device's
hash, marks it for a test boot (or --permanent), resets the device, waits for it to answer
again and says what it runs. An interrupted upload goes on where it stopped when run again.
The device's app must import "mote/smp"; its bootloader (mote-boot) swaps the new image in.
Without --port, lists the serial ports the system sees.

Options:
${PORT_OPTIONS}
  -b, --board <id>       the board to build for (default: the one the device reports)
  -k, --key <file>       the Ed25519 private key to sign with (default: key.pem beside the
                         app or in the current directory; make one with 'mote keys new')
  -v, --version <M.m.r>  the app's version, in the image and device.version (default 0.0.0)
      --permanent        boot the new image for good, without a test boot
      --no-reset         stop after marking the image; it runs at the device's next reset`;

/** A failure with a message for the user: `mote: <message>`, exit status 1. */
class FlashFailure extends Error {}

function fail(message: string): never {
  throw new FlashFailure(message);
}

/** `mote image list|upload|test|confirm|erase`; undefined when `sub` is none of them. */
export async function deviceImageCommand(sub: string, args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { ...PORT_ARGS, json: { type: "boolean" } });
  if (values.help) {
    process.stdout.write(`${DEVICE_IMAGE_USAGE}\n`);
    return 0;
  }
  const wanted = sub === "upload" || sub === "test" ? 1 : sub === "confirm" ? -1 : 0;
  if ((wanted === 0 && positionals.length > 0) || (wanted === 1 && positionals.length !== 1) || positionals.length > 1) {
    throw new UsageError(`'mote image ${sub}' takes ${wanted === 0 ? "no arguments" : wanted === 1 ? `one ${sub === "upload" ? "image file" : "image hash"}` : "at most one hash"}; see 'mote image --help'`);
  }
  if (values.json && sub !== "list") throw new UsageError(`'mote image ${sub}' has no --json output`);
  const image = sub === "upload" ? readImageFile(positionals[0]) : undefined;
  const hash = (sub === "test" || sub === "confirm") && positionals[0] !== undefined ? parseHash(positionals[0]) : undefined;
  return withDevice(`image ${sub}`, values, async (device) => {
    const { client } = device;
    switch (sub) {
      case "list": {
        const slots = await client.imageList();
        process.stdout.write(values.json ? `${JSON.stringify(slots.map(slotJson))}\n` : formatSlots(slots));
        break;
      }
      case "upload":
        await upload(client, image!.bytes, uploadSlot(await client.imageList(), await whoIs(client)));
        break;
      case "test":
        process.stdout.write(formatSlots(await client.imageTest(hash!)));
        break;
      case "confirm":
        process.stdout.write(formatSlots(await client.imageConfirm(hash)));
        break;
      case "erase":
        const slot = uploadSlot(await client.imageList(), await whoIs(client));
        await client.imageErase();
        process.stderr.write(`mote: erased slot ${slot} of ${device.port}\n`);
        break;
    }
    return 0;
  }, reported);
}

/** `mote flash`. */
export async function flashCommand(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {
    ...PORT_ARGS,
    board: { type: "string", short: "b" },
    key: { type: "string", short: "k" },
    version: { type: "string", short: "v" },
    permanent: { type: "boolean" },
    "no-reset": { type: "boolean" },
  });
  if (values.help) {
    process.stdout.write(`${FLASH_USAGE}\n`);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError("'mote flash' takes one app or signed image: mote flash <app.ts | image.signed.bin> --port <tty>");
  const input = positionals[0];
  const isApp = /\.ts$/.test(input);
  if (!fs.existsSync(input)) throw new UsageError(`${input}: no such file (an app's .ts, or a signed image from 'mote build --sign')`);
  let board: Board | undefined;
  if (values.board !== undefined) {
    board = lookUpBoard(values.board);
    if (!board) throw new UsageError(unknownBoardMessage(values.board).replace(/^mote: /, ""));
  }
  const version = values.version ?? "0.0.0";
  if (values.version !== undefined && !/^\d+\.\d+\.\d+(\+\d+)?$/.test(version)) throw new UsageError(`--version takes major.minor.revision[+build], e.g. 1.2.3, got '${version}'`);
  if (!isApp && (values.key !== undefined || values.version !== undefined)) throw new UsageError("--key and --version are for an app (.ts): an image file is signed already");
  const keyFile = isApp ? signingKey(input, values.key) : undefined;
  const given = isApp ? undefined : readImageFile(input);

  return withDevice("flash", values, async (device) => {
    const { client } = device;
    const before = await whoIs(client);
    step(`${device.port}: ${describeDevice(before)}`);
    const boardId = board?.id ?? before?.board;
    if (boardId !== undefined && !board) board = lookUpBoard(boardId) ?? fail(`the device says it is a '${boardId}', a board this mote does not know; give --board`);
    const slots = await listOrExplain(client, device.port);

    let image: LoadedImage;
    if (given) image = given;
    else {
      if (!board) fail(`${device.port} does not say which board it is (no mote diagnostics group); give --board <id>`);
      image = await buildAndSign(input, board, keyFile!, version);
    }
    if (board) checkForBoard(image, board, input);

    const inSlot = slots.find((s) => s.slot === 1);
    const running = slots.find((s) => s.active);
    if (running?.hash && equal(running.hash, image.hash)) {
      step(`the device runs this image already (${running.version}, hash ${short(image.hash)}); nothing to do`);
      return 0;
    }
    if (inSlot?.hash && equal(inSlot.hash, image.hash) && (inSlot.pending || inSlot.confirmed)) {
      step(`slot 1 holds this image already${inSlot.pending ? ", marked for the next boot" : ""}; not uploading it again`);
    } else {
      if (inSlot?.pending) fail(`slot 1 holds another update (${inSlot.version}) waiting for the device's next reset; reset the device (mote reset --port ${device.port}) to run it first`);
      await upload(client, image.bytes, uploadSlot(slots, before));
    }

    const marked = values.permanent ? await client.imageConfirm(image.hash) : await client.imageTest(image.hash);
    const pending = marked.find((s) => s.hash && equal(s.hash, image.hash));
    step(`marked ${image.version} for ${values.permanent ? "a permanent boot" : "a test boot"} at the next reset${pending?.pending ? "" : " (the device does not list it as pending)"}`);
    if (values["no-reset"]) return 0;

    await client.reset();
    step("resetting; waiting for the device to answer again");
    const seconds = await waitForDevice(device);
    const after = await whoIs(client);
    const now = await client.imageList();
    const active = now.find((s) => s.active);
    if (active?.hash && equal(active.hash, image.hash)) {
      const state = active.confirmed ? (values.permanent ? "for good" : "confirmed") : "on test: the app must call image.confirm() once it is healthy, or the next reset goes back to the image before";
      step(`${device.port} answered after ${seconds.toFixed(1)} s and runs ${image.version} (hash ${short(image.hash)}), ${state}`);
      return 0;
    }
    const stillWaiting = now.find((s) => s.hash && equal(s.hash, image.hash));
    fail(`${device.port} answered after ${seconds.toFixed(1)} s, but the new image is not active: the device still runs ${after?.version ? `v${after.version}` : "the image it ran before"}` +
      `${stillWaiting ? `; slot 1 holds ${image.version}${stillWaiting.pending ? ", still marked for the next boot" : ""}` : ""}. ` +
      "No bootloader swapped it in: put mote-boot on the device (the image slots need it), then reset it");
  }, reported);
}

// --- steps ---------------------------------------------------------------------------------

interface LoadedImage { bytes: Uint8Array; parsed: ParsedImage; hash: Uint8Array; version: string; source: string }

function step(text: string): void {
  process.stderr.write(`mote: ${text}\n`);
}

/** The failures the image commands report as `mote: …` (SMP's, the device's, a key's). */
function reported(error: unknown): boolean {
  return error instanceof FlashFailure || error instanceof SmpError || error instanceof SmpTimeoutError || error instanceof SmpResponseError || error instanceof KeyError;
}

interface DeviceIdentity { id?: string; version?: string; board?: string }

/** What the device says it is (mote's diagnostics group), or undefined without that group. */
async function whoIs(client: SmpClient): Promise<DeviceIdentity | undefined> {
  try {
    const body = await client.request(SmpOp.READ, SmpGroup.MOTE, MoteCommand.DIAGNOSTICS, {}, "mote info");
    const text = (v: unknown) => (typeof v === "string" ? v : undefined);
    return { id: text(body.id), version: text(body.version), board: text(body.board) };
  } catch (error) {
    if (error instanceof SmpError) return undefined;
    throw error;
  }
}

function describeDevice(who: DeviceIdentity | undefined): string {
  if (!who) return "a device without mote's diagnostics group (not a mote app)";
  return `${who.id ?? "a device"}, v${who.version ?? "?"} on ${who.board ?? "an unnamed board"}`;
}

/** The slots; a device without the image group gets a message saying what to do. */
async function listOrExplain(client: SmpClient, port: string): Promise<ImageSlotState[]> {
  try {
    return await client.imageList();
  } catch (error) {
    if (error instanceof SmpError && error.rc === 8) {
      fail(`${port} has no image management (SMP group 1): its app must import "mote/smp" and its board take updates (a flash layout: see 'mote boards')`);
    }
    throw error;
  }
}

/** The key: --key, else key.pem beside the app, else in the current directory. */
function signingKey(app: string, given: string | undefined): string {
  if (given !== undefined) return given;
  for (const candidate of [path.join(path.dirname(app), "key.pem"), "key.pem"]) {
    if (fs.existsSync(candidate)) return candidate;
  }
  throw new UsageError(`'mote flash ${app}' signs the image it builds and needs a key: --key <file>, or a key.pem beside the app (make one with 'mote keys new')`);
}

async function buildAndSign(entry: string, board: Board, keyFile: string, versionText: string): Promise<LoadedImage> {
  let key;
  try {
    key = privateKeyFromPem(fs.readFileSync(keyFile, "utf8"), keyFile);
  } catch (error) {
    if (error instanceof KeyError) throw error;
    fail(`cannot read the signing key ${keyFile}: ${(error as Error).message}`);
  }
  const { build } = await import("../../sdk/compiler/index.ts");
  // Linked for the primary slot, where mote-boot starts it (build's imageSlot).
  const result = build({ entry, board, forSimulator: false, identity: { version: versionText }, imageSlot: board.flashLayout !== undefined });
  if (!result.ok) fail(`${entry} does not build for ${board.id}:\n${result.diagnostics}`);
  const { bytes, hash } = signImage(result.image.flashBytes, {
    key, version: parseVersion(versionText), headerSize: headerSizeFor(board.chip), loadAddress: loadAddressFor(board),
  });
  step(`built ${entry} for ${board.id} and signed it with ${keyFile}: ${versionText}, ${bytes.length} B, hash ${short(hash)}`);
  return { bytes, parsed: parseImage(bytes), hash, version: versionText, source: entry };
}

function readImageFile(file: string): LoadedImage {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(fs.readFileSync(file));
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as Error).message}`);
  }
  try {
    const parsed = parseImage(bytes);
    const hash = findTlv(parsed, TlvType.SHA256);
    if (!hash) throw new UsageError(`${file} has no SHA256 TLV: sign it with 'mote image sign' first`);
    // Only the image: padding after its TLVs (a slot-sized file) is not uploaded.
    const end = parsed.tlvArea.offset + parsed.tlvArea.totalSize;
    return { bytes: bytes.subarray(0, end), parsed, hash, version: formatVersion(parsed.header.version), source: file };
  } catch (error) {
    if (error instanceof ImageFormatError) throw new UsageError(`${file} is not a signed MCUboot image (${error.message}); sign it with 'mote image sign' or build with 'mote build --sign'`);
    throw error;
  }
}

/** An image for another board, or too large for its slot, is refused before any upload. */
function checkForBoard(image: LoadedImage, board: Board, source: string): void {
  const { header } = image.parsed;
  const flash = board.chip.flash;
  if ((header.flags & ImageFlags.ROM_FIXED) && (header.loadAddress < flash.origin || header.loadAddress >= flash.origin + flash.length)) {
    fail(`${source} is for another board: it runs at 0x${header.loadAddress.toString(16)}, outside ${board.id}'s flash ` +
      `(0x${flash.origin.toString(16)}–0x${(flash.origin + flash.length).toString(16)}); build it for ${board.id}`);
  }
  const layout = board.flashLayout;
  if (!layout) fail(`${board.id} takes no updates over SMP (it has no flash layout: mote-boot and image slots)`);
  // The slot's last sector is the trailer's: mote-boot's swap moves only the sectors before it.
  const room = layout.secondary.size - SECTOR_BYTES;
  if (image.bytes.length > room) fail(`${source} takes ${image.bytes.length} B, more than slot 1 of ${board.id} holds (${room} B)`);
}

/** Where the device puts an upload: slot 1 beside the running app, or slot 0 when no image
 *  runs and no mote app answers (`who`: its diagnostics) — mote-boot's serial recovery
 *  (sdk/boot/recovery.ts), whose image group writes the primary slot, as MCUboot's does. */
function uploadSlot(slots: ImageSlotState[], who: DeviceIdentity | undefined): number {
  return slots.some((s) => s.active) || who !== undefined ? 1 : 0;
}

function slotName(slot: number): string {
  return slot === 1 ? "slot 1" : "slot 0 (the primary: the device is in mote-boot's serial recovery)";
}

/** Uploads with the progress view; a hash the device finds different is tried once more
 *  (the device dropped its copy: the second try starts afresh). */
async function upload(client: SmpClient, bytes: Uint8Array, slot: number): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const view = new UploadProgressView();
    let first = -1;
    try {
      await client.imageUpload(bytes, {
        onProgress: (progress) => {
          if (first < 0) {
            first = progress.offset;
            step(`uploading ${bytes.length} B into ${slotName(slot)}${first > 1024 ? `, going on from byte ${first} where an earlier upload stopped` : ""}`);
          }
          view.update(progress);
        },
      });
    } catch (error) {
      view.finish();
      if (attempt === 1 && /does not match/.test((error as Error).message)) {
        step("the device's hash of the upload does not match the image; uploading it again from the start");
        continue;
      }
      throw error;
    }
    const { bytes: sent, seconds } = view.finish();
    const rate = seconds > 0 ? sent / seconds : 0;
    step(`uploaded: ${sent} B in ${seconds.toFixed(1)} s (${(rate / 1024).toFixed(1)} KB/s); the device's SHA-256 of it matches the image's hash`);
    return;
  }
}

/** Waits until the device answers an echo (30 s at most); returns the seconds it took. */
async function waitForDevice(device: DeviceConnection): Promise<number> {
  const started = Date.now();
  const probe = new SmpClient(device.stream, { timeoutMs: 1000, retries: 0, deviceName: device.port });
  try {
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (;;) {
      try {
        await probe.echo("mote flash");
        return (Date.now() - started) / 1000;
      } catch (error) {
        if (!(error instanceof SmpTimeoutError)) throw error;
        if (Date.now() - started > 30_000) fail(`${device.port} did not answer within 30 s of its reset; if it does not come back, its new image may not start (mote-boot reverts it at the next reset)`);
      }
    }
  } finally {
    probe.close();
  }
}

// --- formatting ----------------------------------------------------------------------------

function equal(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function short(hash: Uint8Array): string {
  return hex(hash).slice(0, 16);
}

/** A 64-digit hex hash, as `mote image list` prints it (or its first digits, at least 8). */
function parseHash(text: string): Uint8Array {
  if (!/^[0-9a-fA-F]{64}$/.test(text)) throw new UsageError(`'${text}' is not an image hash: 64 hex digits, as 'mote image list' prints them`);
  return Uint8Array.from(Buffer.from(text, "hex"));
}

function slotJson(slot: ImageSlotState) {
  return { ...slot, hash: slot.hash ? hex(slot.hash) : undefined };
}

/** One line per slot: `slot 1  1.2.3  <hash>  pending`. */
export function formatSlots(slots: ImageSlotState[]): string {
  if (slots.length === 0) return "no images in the slots\n";
  return slots.map((s) => {
    const flags = (["active", "confirmed", "pending", "permanent"] as const).filter((f) => s[f]);
    if (!s.bootable) flags.push("not bootable" as never);
    return `slot ${s.slot}  ${s.version.padEnd(10)}  ${s.hash ? hex(s.hash) : "(no hash)"}  ${flags.join(" ")}`.trimEnd();
  }).join("\n") + "\n";
}
