// Reading an MCUboot image: the header, where the body is, both TLV areas, and the hash the
// image should carry — each bounds-checked before it is read, so a damaged file gives an
// ImageFormatError that says what is wrong instead of a RangeError (or garbage).

import { createHash } from "node:crypto";
import { decodeHeader, IMAGE_HEADER_SIZE, IMAGE_MAGIC, type ImageHeader } from "./header.ts";
import { decodeTlvArea, TLV_INFO_MAGIC, TLV_PROTECTED_INFO_MAGIC, TlvFormatError, type TlvArea } from "./tlv.ts";

/** What is structurally wrong with an image; the verifier reports one of these, or a check. */
export type ImageProblem =
  | "bad-magic" | "truncated-header" | "bad-header-size" | "truncated-body" | "tlv-missing" | "tlv-out-of-bounds";

export class ImageFormatError extends Error {
  constructor(readonly problem: ImageProblem, message: string) {
    super(message);
  }
}

export interface ParsedImage {
  header: ImageHeader;
  /** Offsets in the file: the body is [headerSize, bodyEnd). */
  bodyEnd: number;
  protectedArea?: TlvArea;
  tlvArea: TlvArea;
  /** SHA-256 over header + body + protected TLV area, computed from the bytes. */
  computedHash: Uint8Array;
  /** Bytes after the TLV area (e.g. padding to the slot's size); not part of the image. */
  trailingBytes: number;
}

/** Parses `bytes` as an MCUboot image; throws ImageFormatError naming the first problem. */
export function parseImage(bytes: Uint8Array): ParsedImage {
  if (bytes.length < IMAGE_HEADER_SIZE) {
    throw new ImageFormatError("truncated-header", `truncated: ${bytes.length} bytes, shorter than the ${IMAGE_HEADER_SIZE}-byte image header`);
  }
  const header = decodeHeader(bytes);
  if (header.magic !== IMAGE_MAGIC) {
    throw new ImageFormatError("bad-magic", `bad magic: 0x${header.magic.toString(16).padStart(8, "0")} where an MCUboot image has 0x${IMAGE_MAGIC.toString(16)} (not a signed image?)`);
  }
  if (header.headerSize < IMAGE_HEADER_SIZE) {
    throw new ImageFormatError("bad-header-size", `bad header size ${header.headerSize}: smaller than the ${IMAGE_HEADER_SIZE}-byte header itself`);
  }
  const bodyEnd = header.headerSize + header.imageSize;
  if (bodyEnd > bytes.length) {
    throw new ImageFormatError("truncated-body", `truncated body: the header says ${header.imageSize} bytes of body from byte ${header.headerSize}, but the file ends at byte ${bytes.length} (${bodyEnd - bytes.length} bytes missing)`);
  }
  let protectedArea: TlvArea | undefined;
  let tlvAt = bodyEnd;
  try {
    if (header.protectedTlvSize > 0) {
      protectedArea = decodeTlvArea(bytes, bodyEnd, TLV_PROTECTED_INFO_MAGIC);
      if (protectedArea.totalSize !== header.protectedTlvSize) {
        throw new TlvFormatError(`protected TLV area: the header says ${header.protectedTlvSize} bytes, the area's info header says ${protectedArea.totalSize}`);
      }
      tlvAt += protectedArea.totalSize;
    }
    const tlvArea = decodeTlvArea(bytes, tlvAt, TLV_INFO_MAGIC);
    const computedHash = new Uint8Array(createHash("sha256").update(bytes.subarray(0, tlvAt)).digest());
    return { header, bodyEnd, protectedArea, tlvArea, computedHash, trailingBytes: bytes.length - (tlvAt + tlvArea.totalSize) };
  } catch (error) {
    if (!(error instanceof TlvFormatError)) throw error;
    const problem = error.missing ? "tlv-missing" : "tlv-out-of-bounds";
    throw new ImageFormatError(problem, error.message);
  }
}

/** The first entry of `type` in the image's TLV area, if any. */
export function findTlv(image: ParsedImage, type: number): Uint8Array | undefined {
  return image.tlvArea.entries.find((e) => e.type === type)?.data;
}
