// SmpClient: the host side of SMP over a serial line. It runs over any duplex byte stream — a
// @serialport/stream port, a pseudo-terminal, an in-process simulator — sends one request at a
// time, matches the answer by group, command and sequence number, retries when no answer comes,
// and turns error answers into SmpError. Console text the device prints in between goes to
// `onConsole`; damaged frames are dropped and counted (`counters`), and the retry covers them.

import { decodeBody, encodeBody, SmpBodyError, type SmpBody } from "./cbor.ts";
import { ImageCommand, imageStates, OsCommand, SmpResponseError, StatsCommand, type ImageSlotState, type McumgrParams } from "./commands.ts";
import { errorIn, SmpError, SmpTimeoutError } from "./errors.ts";
import { decodePacket, encodePacket, SmpGroup, SmpOp, SmpPacketError } from "./packet.ts";
import { encodeSerialFrame, SerialFrameDecoder, type SerialDecoderCounters } from "./serial-transport.ts";
import { DEFAULT_BUF_SIZE, uploadBody, uploadChunkSize } from "./upload-chunks.ts";
import { parseImage, findTlv } from "../image/parse.ts";
import { TlvType } from "../image/tlv.ts";

/** The byte stream the client talks over; a Node Duplex (serial port, socket, pty) is one. */
export interface DuplexByteStream {
  write(bytes: Uint8Array): unknown;
  on(event: "data", listener: (bytes: Uint8Array) => void): unknown;
  off(event: "data", listener: (bytes: Uint8Array) => void): unknown;
}

export interface SmpClientOptions {
  /** How long to wait for each answer (default 3000 ms). */
  timeoutMs?: number;
  /** How many times to send a request again when no answer comes (default 2). */
  retries?: number;
  /** The device's console output between SMP frames. */
  onConsole?: (bytes: Uint8Array) => void;
  /** The header's SMP version: 0 (the original, default) or 1 (SMP version 2). */
  smpVersion?: 0 | 1;
  /** Where errors name the device, e.g. "/dev/ttyACM0" (default "the device"). */
  deviceName?: string;
}

export interface UploadProgress { offset: number; total: number }

export interface UploadOptions {
  onProgress?: (progress: UploadProgress) => void;
  /** Image number on multi-image devices. */
  image?: number;
  /** Refuse an image that is not newer than the running one (the device decides). */
  upgrade?: boolean;
  /** The device's SMP buffer size; asked with `params` when not given. */
  bufSize?: number;
}

/** What the client dropped besides the transport's own counters. */
export interface ClientCounters extends SerialDecoderCounters {
  /** Packets whose header or CBOR body could not be read. */
  malformedResponses: number;
  /** Well-formed answers to no request in flight (late answers to a retried request). */
  unexpectedResponses: number;
  retries: number;
}

interface Pending {
  op: number;
  group: number;
  command: number;
  sequence: number;
  name: string;
  resolve: (body: SmpBody) => void;
}

export class SmpClient {
  private readonly decoder: SerialFrameDecoder;
  private readonly extra = { malformedResponses: 0, unexpectedResponses: 0, retries: 0 };
  private sequence = 0;
  private pending: Pending | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly timeoutMs: number;
  private readonly retries: number;
  private readonly listener = (bytes: Uint8Array) => this.receive(bytes);

  constructor(private readonly stream: DuplexByteStream, private readonly options: SmpClientOptions = {}) {
    this.decoder = new SerialFrameDecoder({ onConsole: options.onConsole });
    this.timeoutMs = options.timeoutMs ?? 3000;
    this.retries = options.retries ?? 2;
    stream.on("data", this.listener);
  }

  get counters(): ClientCounters {
    return { ...this.decoder.counters, ...this.extra };
  }

  /** Stops listening to the stream (the stream itself stays open). */
  close(): void {
    this.stream.off("data", this.listener);
  }

  /**
   * Sends one request and resolves with the answer's body; rejects with SmpError when the
   * device answers an error and SmpTimeoutError when it does not answer at all.
   */
  request(op: number, group: number, command: number, body: SmpBody, name: string): Promise<SmpBody> {
    const run = () => this.exchange(op, group, command, body, name);
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private async exchange(op: number, group: number, command: number, body: SmpBody, name: string): Promise<SmpBody> {
    const sequence = this.sequence;
    this.sequence = (this.sequence + 1) & 0xff;
    const frame = encodeSerialFrame(encodePacket({ version: this.options.smpVersion ?? 0, op, group, command, sequence }, encodeBody(body)));
    const attempts = this.retries + 1;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      if (attempt > 1) this.extra.retries++;
      const answer = await new Promise<SmpBody | undefined>((resolve) => {
        const timer = setTimeout(() => {
          this.pending = undefined;
          resolve(undefined);
        }, this.timeoutMs);
        this.pending = {
          op: op + 1, group, command, sequence, name,
          resolve: (answerBody) => {
            clearTimeout(timer);
            this.pending = undefined;
            resolve(answerBody);
          },
        };
        this.stream.write(frame);
      });
      if (answer === undefined) continue;
      const error = errorIn(answer, name);
      if (error) throw error;
      return answer;
    }
    const device = this.options.deviceName ?? "the device";
    throw new SmpTimeoutError(`${name}: ${device} did not answer within ${this.timeoutMs} ms (${attempts} attempt${attempts === 1 ? "" : "s"}); ` +
      "check the port and its baud rate, and that the device runs an SMP server (mote-boot, or an app with `import \"mote/smp\"`)");
  }

  private receive(bytes: Uint8Array): void {
    for (const packet of this.decoder.push(bytes)) {
      let header;
      let body: SmpBody;
      try {
        const decoded = decodePacket(packet);
        header = decoded.header;
        body = decodeBody(decoded.body);
      } catch (error) {
        if (!(error instanceof SmpPacketError || error instanceof SmpBodyError)) throw error;
        this.extra.malformedResponses++;
        continue;
      }
      const p = this.pending;
      if (p && header.op === p.op && header.group === p.group && header.command === p.command && header.sequence === p.sequence) {
        p.resolve(body);
      } else {
        this.extra.unexpectedResponses++;
      }
    }
  }

  // --- OS group -------------------------------------------------------------------------

  /** Echo: the device sends `text` back. */
  async echo(text: string): Promise<string> {
    const answer = await this.request(SmpOp.WRITE, SmpGroup.OS, OsCommand.ECHO, { d: text }, "echo");
    if (typeof answer.r !== "string") throw new SmpResponseError("echo: the device's answer has no \"r\" text");
    return answer.r;
  }

  /** Resets the device (after it answers). `force` resets even if an app vetoes it. */
  async reset(options: { force?: boolean } = {}): Promise<void> {
    await this.request(SmpOp.WRITE, SmpGroup.OS, OsCommand.RESET, { force: options.force ? 1 : undefined }, "reset");
  }

  /** The device's SMP buffer size and count (mcumgr params). */
  async params(): Promise<McumgrParams> {
    const answer = await this.request(SmpOp.READ, SmpGroup.OS, OsCommand.MCUMGR_PARAMS, {}, "mcumgr params");
    if (typeof answer.buf_size !== "number") throw new SmpResponseError("mcumgr params: the device's answer has no buf_size");
    return { bufSize: answer.buf_size, bufCount: typeof answer.buf_count === "number" ? answer.buf_count : 1 };
  }

  /** OS/application info text; `format` as in uname (e.g. "a" for everything). */
  async osInfo(format?: string): Promise<string> {
    const answer = await this.request(SmpOp.READ, SmpGroup.OS, OsCommand.OS_INFO, { format }, "OS info");
    if (typeof answer.output !== "string") throw new SmpResponseError("OS info: the device's answer has no \"output\" text");
    return answer.output;
  }

  /** Bootloader info: the name (e.g. "MCUboot"), or the answer to `query` (e.g. "mode"). */
  async bootloaderInfo(query?: string): Promise<SmpBody> {
    return this.request(SmpOp.READ, SmpGroup.OS, OsCommand.BOOTLOADER_INFO, { query }, "bootloader info");
  }

  // --- Image group ----------------------------------------------------------------------

  /** The slots and the image each holds. */
  async imageList(): Promise<ImageSlotState[]> {
    return imageStates(await this.request(SmpOp.READ, SmpGroup.IMAGE, ImageCommand.STATE, {}, "image list"), "image list");
  }

  /** Marks the image with this hash for a test boot at the next reset. */
  async imageTest(hash: Uint8Array): Promise<ImageSlotState[]> {
    return imageStates(await this.request(SmpOp.WRITE, SmpGroup.IMAGE, ImageCommand.STATE, { hash, confirm: false }, "image test"), "image test");
  }

  /** Confirms the running image (no hash), or makes the image with this hash permanent. */
  async imageConfirm(hash?: Uint8Array): Promise<ImageSlotState[]> {
    return imageStates(await this.request(SmpOp.WRITE, SmpGroup.IMAGE, ImageCommand.STATE, { hash, confirm: true }, "image confirm"), "image confirm");
  }

  /** Erases the secondary slot (or `slot`). */
  async imageErase(slot?: number): Promise<void> {
    await this.request(SmpOp.WRITE, SmpGroup.IMAGE, ImageCommand.ERASE, { slot }, "image erase");
  }

  /**
   * Uploads a signed image. The first request carries the length and the image's hash (its
   * SHA256 TLV); each answer names the offset the device wants next — possibly further on, when
   * it kept an earlier interrupted upload of the same image, or back at 0 — and the client
   * continues from there. Chunks are as large as the device's buffer allows.
   */
  async imageUpload(image: Uint8Array, options: UploadOptions = {}): Promise<void> {
    let sha: Uint8Array | undefined;
    try {
      sha = findTlv(parseImage(image), TlvType.SHA256);
    } catch (error) {
      throw new Error(`image upload: not an MCUboot image (${(error as Error).message}); sign it with 'mote image sign' first`);
    }
    if (!sha) throw new Error("image upload: the image has no SHA256 TLV; sign it with 'mote image sign' first");
    const bufSize = options.bufSize ?? await this.bufSizeOrDefault();
    const fields = { image: options.image, upgrade: options.upgrade };
    const firstSize = uploadChunkSize(bufSize, image.length, true, fields);
    const laterSize = uploadChunkSize(bufSize, image.length, false, fields);
    // A device may send the client back (to 0, or to where it lost data); a loop that never
    // gets anywhere ends with an error instead of running forever.
    const maxRequests = 2 * Math.ceil(image.length / laterSize) + 16;
    let off = 0;
    for (let requests = 0; ; requests++) {
      if (requests >= maxRequests) throw new Error(`image upload: no progress after ${requests} requests (the device keeps answering offset ${off})`);
      const data = image.subarray(off, off + (off === 0 ? firstSize : laterSize));
      const answer = await this.request(SmpOp.WRITE, SmpGroup.IMAGE, ImageCommand.UPLOAD, uploadBody(fields, off, data, image.length, sha), `image upload at offset ${off}`);
      if (typeof answer.off !== "number" || !Number.isInteger(answer.off) || answer.off < 0 || answer.off > image.length) {
        throw new SmpResponseError(`image upload: the device answered offset ${String(answer.off)}, outside the ${image.length}-byte image`);
      }
      off = answer.off;
      options.onProgress?.({ offset: off, total: image.length });
      if (off === image.length) {
        if (answer.match === false) throw new Error("image upload: the device's hash of the uploaded image does not match the image's hash");
        return;
      }
    }
  }

  private async bufSizeOrDefault(): Promise<number> {
    try {
      return (await this.params()).bufSize;
    } catch (error) {
      if (error instanceof SmpError) return DEFAULT_BUF_SIZE; // the device does not support params
      throw error;
    }
  }

  // --- Statistics group -----------------------------------------------------------------

  /** The names of the device's statistics groups. */
  async statsList(): Promise<string[]> {
    const answer = await this.request(SmpOp.READ, SmpGroup.STATS, StatsCommand.LIST, {}, "stats list");
    if (!Array.isArray(answer.stat_list)) throw new SmpResponseError("stats list: the device's answer has no stat_list");
    return answer.stat_list.map(String);
  }

  /** One statistics group's counters. */
  async stats(name: string): Promise<Record<string, number>> {
    const answer = await this.request(SmpOp.READ, SmpGroup.STATS, StatsCommand.READ, { name }, `stats ${name}`);
    if (answer.fields === null || typeof answer.fields !== "object") throw new SmpResponseError(`stats ${name}: the device's answer has no fields`);
    return answer.fields as Record<string, number>;
  }
}
