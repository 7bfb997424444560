// An in-process stand-in for a device's SMP server, for unit tests of SmpClient: it speaks the
// serial transport (frames in, frames out, console text between its lines, answers split into
// small pieces) and keeps just enough state for echo, params, image state/upload/erase, reset
// and stats. It is a test double of the client's peer, not the device-side server (that one
// comes with the libOS and runs on the simulated boards).

import { EventEmitter } from "node:events";
import {
  decodeBody, decodePacket, encodeBody, encodePacket, encodeSerialFrame, SerialFrameDecoder, SmpGroup, SmpOp, type SmpBody,
} from "../../flash-tool/smp/index.ts";

export interface FakeDeviceOptions {
  bufSize?: number;
  /** Ignore this many requests before answering (to exercise the client's retries). */
  ignoreFirst?: number;
  /** Answer nothing after this many requests (an unplugged cable). */
  silentAfter?: number;
  /** Answer errors in SMP version 2's {"err": {group, rc}} form. */
  v2Errors?: boolean;
  /** Print this console line after every frame line it sends. */
  consoleLine?: string;
  /** Answer SMP lines in pieces of at most this many bytes (default 7). */
  pieceSize?: number;
  /** Garble this many answers: a well-framed packet (good CRC) whose CBOR body is cut short. */
  truncateFirstAnswers?: number;
}

/** What the device holds of an upload, kept across client connections (and resets). */
export interface UploadState { sha: Uint8Array; length: number; data: Uint8Array; received: number }

export class FakeSmpDevice extends EventEmitter {
  readonly requests: Array<{ group: number; command: number; body: SmpBody }> = [];
  upload: UploadState | undefined;
  resets = 0;
  private readonly decoder = new SerialFrameDecoder();
  private handled = 0;

  constructor(private readonly options: FakeDeviceOptions = {}) {
    super();
  }

  /** The client writes here. */
  write(bytes: Uint8Array): boolean {
    for (const packet of this.decoder.push(bytes)) this.handle(packet);
    return true;
  }

  private handle(packet: Uint8Array): void {
    const { header, body: bodyBytes } = decodePacket(packet);
    const body = decodeBody(bodyBytes);
    this.handled++;
    if (this.handled <= (this.options.ignoreFirst ?? 0)) return;
    if (this.options.silentAfter !== undefined && this.handled > this.options.silentAfter) return;
    this.requests.push({ group: header.group, command: header.command, body });
    const answer = this.answer(header.group, header.command, header.op === SmpOp.WRITE, body);
    let answerBytes = encodeBody(answer);
    if (this.requests.length <= (this.options.truncateFirstAnswers ?? 0)) answerBytes = answerBytes.subarray(0, answerBytes.length - 2);
    const response = encodePacket({ version: header.version, op: header.op + 1, group: header.group, command: header.command, sequence: header.sequence }, answerBytes);
    this.send(encodeSerialFrame(response));
  }

  private error(group: number, rc: number): SmpBody {
    return this.options.v2Errors ? { err: { group, rc } } : { rc };
  }

  private answer(group: number, command: number, write: boolean, body: SmpBody): SmpBody {
    if (group === SmpGroup.OS) {
      if (command === 0) return { r: body.d };
      if (command === 5) {
        this.resets++;
        return {};
      }
      if (command === 6) return { buf_size: this.options.bufSize ?? 256, buf_count: 4 };
      if (command === 7) return { output: "mote fake-device 0.1.0 armv6m" };
    }
    if (group === SmpGroup.IMAGE) {
      if (command === 0 && !write) return { images: [{ slot: 0, version: "1.0.0", hash: new Uint8Array(32).fill(1), bootable: true, pending: false, confirmed: true, active: true, permanent: false }] };
      if (command === 0 && write) {
        if (!(body.hash instanceof Uint8Array) && body.confirm !== true) return this.error(group, 3);
        return { images: [{ slot: 1, version: "2.0.0", hash: body.hash, bootable: true, pending: true, confirmed: false, active: false, permanent: body.confirm === true }] };
      }
      if (command === 1) return this.uploadChunk(body);
      if (command === 5) {
        this.upload = undefined;
        return { rc: 0 };
      }
    }
    if (group === SmpGroup.STATS) {
      if (command === 1) return { stat_list: ["smp", "uart"] };
      if (command === 0) return body.name === "smp" ? { name: "smp", fields: { frames: 12, dropped: 1 } } : this.error(group, 5);
    }
    return this.error(group, 8);
  }

  /** MCUboot/Zephyr upload semantics: a first chunk (off 0, len, sha) starts an upload — or
   *  resumes the kept one when the sha matches — and every answer names the next offset. */
  private uploadChunk(body: SmpBody): SmpBody {
    const off = body.off as number;
    const data = body.data as Uint8Array;
    if (off === 0) {
      const sha = body.sha as Uint8Array;
      const length = body.len as number;
      const same = this.upload && this.upload.length === length && Buffer.compare(this.upload.sha, sha) === 0;
      if (same && this.upload!.received > 0) return { rc: 0, off: this.upload!.received };
      this.upload = { sha, length, data: new Uint8Array(length), received: 0 };
    }
    const upload = this.upload;
    if (!upload) return this.error(1, 3);
    if (off !== upload.received) return { rc: 0, off: upload.received };
    upload.data.set(data, off);
    upload.received += data.length;
    return upload.received === upload.length ? { rc: 0, off: upload.received, match: true } : { rc: 0, off: upload.received };
  }

  /** Sends bytes to the client in small pieces, with console text after each line. */
  private send(frame: Uint8Array): void {
    const piece = this.options.pieceSize ?? 7;
    const console = this.options.consoleLine ? new TextEncoder().encode(`${this.options.consoleLine}\n`) : new Uint8Array(0);
    const out: number[] = [];
    for (const byte of frame) {
      out.push(byte);
      if (byte === 0x0a) out.push(...console);
    }
    setImmediate(() => {
      for (let at = 0; at < out.length; at += piece) this.emit("data", Uint8Array.from(out.slice(at, at + piece)));
    });
  }
}
