// `mote image sign|info|verify`: MCUboot images from the command line, and the signing step
// `mote build --sign` shares (signBinaryFile). stdout carries what was asked for (the info,
// the verdict); mote's own messages and failures go to stderr as `mote: …`.

import fs from "node:fs";
import path from "node:path";
import { parse, UsageError } from "../../sdk/cli/args.ts";
import { lookUpBoard, unknownBoardMessage } from "../../sdk/cli/run-app.ts";
import { decodeHeader, flagNames, formatVersion, IMAGE_HEADER_SIZE, IMAGE_MAGIC, ImageVersionError, parseVersion, PADDED_HEADER_SIZE, loadAddressFor } from "../image/index.ts";
import { ElfInputError, flashContentsOfElf, isElf } from "../image/elf-input.ts";
import { KeyError, privateKeyFromPem, publicKeyFromPem } from "../image/keys.ts";
import { ImageFormatError, parseImage } from "../image/parse.ts";
import { signImage } from "../image/sign.ts";
import { tlvTypeName, TlvType } from "../image/tlv.ts";
import { equalBytes, hex, verifyImage, type ImageSlot } from "../image/verify.ts";

export const IMAGE_USAGE = `Usage:
  mote image sign <app.bin|app.elf> --key key.pem --version 1.2.3 [options]
  mote image info <image>
  mote image verify <image> --key key.pem|key.pub.pem [--board <id>]
  mote image list|upload|test|confirm|erase … --port <tty>   (a device's slots: 'mote image list --help')

sign     wraps a binary in an MCUboot image: header, body, SHA-256, key hash, Ed25519 signature
info     prints every header field and TLV of an image, and whether its hash is right
verify   exits 0 only if the image is well formed, its hash is right and the key signed it;
         otherwise says what failed (bad magic, truncated body, TLV area missing, hash
         mismatch, key hash mismatch, bad signature, unsigned, wrong load address)

Options for sign:
  -k, --key <file>          the Ed25519 private key (PEM; make one with 'mote keys new')
  -v, --version <version>   major.minor.revision, optionally +build (e.g. 1.2.3+45)
      --load-addr <addr>    where the image sits in flash when it runs (recorded with the
                            ROM_FIXED flag; default: an ELF's lowest address, none for a .bin)
      --header-size <n>     header bytes before the body (default: 0x200, which keeps a
                            vector table aligned; 0x20 is the bare header)
  -o, --out <file>          the signed image (default: <input>.signed.bin)
Options for verify:
  -k, --key <file>          the public key, or the private key it belongs to
  -b, --board <id>          also check the image fits the board's flash at its load address
  -h, --help                show this help`;

/** Reads a number given as decimal or 0x-hex. */
function parseAddress(text: string, option: string): number {
  const value = /^0x[0-9a-f]+$/i.test(text) ? parseInt(text, 16) : /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) throw new UsageError(`${option} takes a number (decimal or 0x hex) up to 0xffffffff, got '${text}'`);
  return value;
}

function readFile(file: string, what: string): Uint8Array {
  try {
    return new Uint8Array(fs.readFileSync(file));
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    throw new CliFailure(e.code === "ENOENT" ? `${file}: no such file (${what})` : `cannot read ${file}: ${e.message}`);
  }
}

/** A failure the command reports as `mote: <message>` with exit status 1. */
class CliFailure extends Error {}

export interface SignFileOptions {
  input: string;
  keyFile: string;
  version: string;
  out: string;
  /** Default: an ELF's lowest load address, none for a raw binary. */
  loadAddress?: number;
  headerSize?: number;
}

/** Reads the key and the version as signBinaryFile will, so a mistake shows before a build. */
export function checkSigningInputs(keyFile: string, version: string): void {
  privateKeyFromPem(new TextDecoder().decode(readFile(keyFile, "the signing key")), keyFile);
  parseVersion(version);
}

/**
 * Signs the binary or ELF file `input` into `out`; returns the image's hash. Throws Error with
 * a user-facing message (a missing file, a bad key or version).
 */
export function signBinaryFile(options: SignFileOptions): { hash: Uint8Array; size: number; loadAddress?: number } {
  const raw = readFile(options.input, "the binary to sign");
  let body = raw;
  let loadAddress = options.loadAddress;
  const headerSize = options.headerSize ?? PADDED_HEADER_SIZE;
  if (isElf(raw)) {
    const contents = flashContentsOfElf(raw, options.input);
    body = contents.bytes;
    // The header goes just before the body the ELF was linked for (an app built for a slot,
    // build's imageSlot, starts hdr_size after the slot), and load_addr is where it sits.
    loadAddress ??= contents.address - headerSize;
  }
  const key = privateKeyFromPem(new TextDecoder().decode(readFile(options.keyFile, "the signing key")), options.keyFile);
  const version = parseVersion(options.version);
  const { bytes, hash } = signImage(body, { key, version, headerSize, loadAddress });
  fs.writeFileSync(options.out, bytes);
  return { hash, size: bytes.length, loadAddress };
}

function defaultSignedName(input: string): string {
  return path.join(path.dirname(input), `${path.basename(input).replace(/\.(bin|elf)$/, "")}.signed.bin`);
}

function signSubcommand(args: string[]): number {
  const { values, positionals } = parse(args, {
    key: { type: "string", short: "k" },
    version: { type: "string", short: "v" },
    "load-addr": { type: "string" },
    "header-size": { type: "string" },
    out: { type: "string", short: "o" },
  });
  if (values.help) return usage();
  if (positionals.length !== 1) throw new UsageError("'mote image sign' takes one binary: mote image sign <app.bin|app.elf> --key key.pem --version 1.2.3");
  if (!values.key) throw new UsageError("'mote image sign' needs --key <private key PEM> (make one with 'mote keys new')");
  if (!values.version) throw new UsageError("'mote image sign' needs --version, e.g. --version 1.2.3");
  let headerSize: number | undefined;
  if (values["header-size"] !== undefined) {
    headerSize = parseAddress(values["header-size"], "--header-size");
    if (headerSize < IMAGE_HEADER_SIZE || headerSize > 0xffff) throw new UsageError(`--header-size must be between ${IMAGE_HEADER_SIZE} (0x20) and 65535, got ${values["header-size"]}`);
  }
  const input = positionals[0];
  const out = values.out ?? defaultSignedName(input);
  const signed = signBinaryFile({
    input, keyFile: values.key, version: values.version, out, headerSize,
    loadAddress: values["load-addr"] === undefined ? undefined : parseAddress(values["load-addr"], "--load-addr"),
  });
  const where = signed.loadAddress === undefined ? "" : ` for 0x${signed.loadAddress.toString(16)}`;
  process.stderr.write(`mote: signed ${input} → ${out} (${signed.size} bytes${where}, version ${values.version}, hash ${hex(signed.hash)})\n`);
  return 0;
}

function infoSubcommand(args: string[]): number {
  const { values, positionals } = parse(args, {});
  if (values.help) return usage();
  if (positionals.length !== 1) throw new UsageError("'mote image info' takes one image: mote image info <image>");
  const file = positionals[0];
  const bytes = readFile(file, "the image");
  const lines: string[] = [`${file}: ${bytes.length} bytes`];
  const field = (name: string, value: string) => lines.push(`  ${name.padEnd(18)}${value}`);
  if (bytes.length >= IMAGE_HEADER_SIZE) {
    const h = decodeHeader(bytes);
    lines.push("header");
    field("magic", `0x${h.magic.toString(16).padStart(8, "0")}${h.magic === IMAGE_MAGIC ? "" : " (not MCUboot's 0x96f3b83d)"}`);
    field("load address", `0x${h.loadAddress.toString(16).padStart(8, "0")}`);
    field("header size", `${h.headerSize} (0x${h.headerSize.toString(16)})`);
    field("protected TLVs", `${h.protectedTlvSize} bytes`);
    field("image size", `${h.imageSize} bytes (body at 0x${h.headerSize.toString(16)}–0x${(h.headerSize + h.imageSize).toString(16)})`);
    field("flags", `0x${h.flags.toString(16).padStart(8, "0")}${h.flags === 0 ? "" : ` ${flagNames(h.flags).join(" ")}`}`);
    field("version", formatVersion(h.version));
  }
  let exit = 0;
  try {
    const image = parseImage(bytes);
    const computed = image.computedHash;
    for (const area of [image.protectedArea, image.tlvArea]) {
      if (!area) continue;
      const kind = area === image.protectedArea ? "protected TLV area" : "TLV area";
      lines.push(`${kind} at 0x${area.offset.toString(16)}: ${area.totalSize} bytes (magic 0x${area.magic.toString(16)})`);
      for (const entry of area.entries) {
        const verdict = entry.type === TlvType.SHA256 ? (equalBytes(entry.data, computed) ? "  (hash ok)" : "  (hash BAD)") : "";
        field(tlvTypeName(entry.type), `${entry.data.length} bytes  ${hex(entry.data)}${verdict}`);
      }
    }
    if (image.trailingBytes > 0) lines.push(`${image.trailingBytes} bytes after the TLV area (padding, not part of the image)`);
    const hash = image.tlvArea.entries.find((e) => e.type === TlvType.SHA256)?.data;
    lines.push(hash === undefined ? "hash: none in the image" : equalBytes(hash, computed) ? `hash ok: ${hex(computed)}` : `hash BAD: the image says ${hex(hash)}, its bytes hash to ${hex(computed)}`);
    if (hash === undefined || !equalBytes(hash, computed)) exit = 1;
  } catch (error) {
    if (!(error instanceof ImageFormatError)) throw error;
    process.stdout.write(`${lines.join("\n")}\n`);
    process.stderr.write(`mote: ${file}: ${error.message}\n`);
    return 1;
  }
  process.stdout.write(`${lines.join("\n")}\n`);
  return exit;
}

function verifySubcommand(args: string[]): number {
  const { values, positionals } = parse(args, { key: { type: "string", short: "k" }, board: { type: "string", short: "b" } });
  if (values.help) return usage();
  if (positionals.length !== 1) throw new UsageError("'mote image verify' takes one image: mote image verify <image> --key key.pub.pem");
  if (!values.key) throw new UsageError("'mote image verify' needs --key <public key PEM> (or the private key)");
  let slot: ImageSlot | undefined;
  if (values.board !== undefined) {
    const board = lookUpBoard(values.board);
    if (!board) throw new UsageError(unknownBoardMessage(values.board).replace(/^mote: /, ""));
    // Where the image runs: the primary slot behind mote-boot, else the whole flash.
    const primary = board.flashLayout?.primary;
    slot = primary ? { address: loadAddressFor(board), size: primary.size } : { address: board.chip.flash.origin, size: board.chip.flash.length };
  }
  const file = positionals[0];
  const publicKey = publicKeyFromPem(new TextDecoder().decode(readFile(values.key, "the public key")), values.key);
  const result = verifyImage(readFile(file, "the image"), { publicKey, slot });
  if (!result.ok) {
    process.stderr.write(`mote: ${file}: ${result.message}\n`);
    return 1;
  }
  const h = result.image.header;
  process.stdout.write(`${file}: ok (version ${formatVersion(h.version)}, ${h.imageSize} bytes, signed by ${values.key}, hash ${hex(result.image.computedHash)})\n`);
  return 0;
}

function usage(): number {
  process.stdout.write(`${IMAGE_USAGE}\n`);
  return 0;
}

export async function imageCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  try {
    switch (sub) {
      case "sign": return signSubcommand(rest);
      case "list": case "upload": case "test": case "confirm": case "erase":
        return await (await import("./device-image.ts")).deviceImageCommand(sub, rest);
      case "info": return infoSubcommand(rest);
      case "verify": return verifySubcommand(rest);
      case "-h": case "--help": case "help": return usage();
      case undefined: throw new UsageError("'mote image' needs a subcommand: sign, info, verify, or list, upload, test, confirm, erase with --port (see 'mote image --help')");
      default: throw new UsageError(`unknown 'mote image' subcommand '${sub}'; the subcommands are sign, info, verify, list, upload, test, confirm, erase`);
    }
  } catch (error) {
    if (error instanceof CliFailure || error instanceof KeyError || error instanceof ImageVersionError || error instanceof ElfInputError) {
      process.stderr.write(`mote: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

/** The errors signBinaryFile reports with a user-facing message. */
export function isSigningFailure(error: unknown): error is Error {
  return error instanceof CliFailure || error instanceof KeyError || error instanceof ImageVersionError || error instanceof ElfInputError;
}
