// How much image data one upload request can carry. The device receives a whole request into
// one buffer of `buf_size` bytes (mcumgr params), so the serial frame's length and CRC fields
// (4 bytes), the 8-byte SMP header and the CBOR body with the data must fit in it. The first
// request also carries the image's length and hash, so its data is a little shorter. Sizes are
// measured by encoding the actual request with the largest offset the image can have.

import { encodeBody } from "./cbor.ts";
import { SMP_HEADER_SIZE } from "./packet.ts";

/** The serial frame's fields around a packet: length (2) and CRC (2). */
const FRAME_FIELDS = 4;
/** What mcumgr devices commonly report, used when a device does not answer `params`. */
export const DEFAULT_BUF_SIZE = 256;

export interface UploadRequestFields {
  image?: number;
  upgrade?: boolean;
}

/** The upload request body for the chunk at `off` (len and sha only when off is 0). */
export function uploadBody(fields: UploadRequestFields, off: number, data: Uint8Array, total: number, sha: Uint8Array): Record<string, unknown> {
  const first = off === 0;
  return {
    image: first ? fields.image : undefined,
    len: first ? total : undefined,
    off,
    sha: first ? sha : undefined,
    data,
    upgrade: first ? fields.upgrade : undefined,
  };
}

/** CBOR's byte-string head for `n` bytes: 1, 2, 3 or 5 bytes. */
function byteStringHead(n: number): number {
  return n < 24 ? 1 : n < 0x100 ? 2 : n < 0x10000 ? 3 : 5;
}

/**
 * The most data bytes a request can carry within `bufSize`, for the first chunk (`first`) or a
 * later one, of an image of `total` bytes. Throws when even one byte does not fit.
 */
export function uploadChunkSize(bufSize: number, total: number, first: boolean, fields: UploadRequestFields = {}): number {
  const empty = encodeBody(uploadBody(fields, first ? 0 : total, new Uint8Array(0), total, new Uint8Array(32)));
  // `empty` has a 1-byte head for the empty byte string; n bytes of data need n + head(n).
  const room = bufSize - FRAME_FIELDS - SMP_HEADER_SIZE - (empty.length - 1);
  let n = room - 1;
  while (n > 0 && n + byteStringHead(n) > room) n--;
  if (n <= 0) throw new RangeError(`the device's SMP buffer (${bufSize} bytes) is too small to carry image data`);
  return n;
}
