// The device's SMP server (`import "mote/smp"`, sdk/lib/smp.ts) end to end with the host's
// real client (flash-tool/smp SmpClient): on the Pico in-process (rp2040js, the console UART
// fed from a queue), and on mps2-an385 and the micro:bit (16 KB of RAM) through a real
// pseudo-terminal opened with the serial port library, as `mote echo --port` does. Echo, mcumgr params, OS info, statistics, mote
// diagnostics, an unknown command, a malformed body, a reset (the board comes back), damaged
// frames dropped and counted while the device keeps answering, and the console text between
// the answers arriving whole.

import { EventEmitter } from "node:events";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { findBoard } from "../../boards/index.ts";
import { build } from "../../sdk/compiler/index.ts";
import { bootImageOf, qemuAvailable, targetFor } from "../../sdk/sim/index.ts";
import { InputQueue } from "../../sdk/sim/input-queue.ts";
import { openSerialPort } from "../../flash-tool/serial/port.ts";
import { encodeFrame, FrameReader, type Frame } from "../../flash-tool/link/index.ts";
import {
  encodeBody, encodePacket, encodeSerialFrame, SmpClient, SmpError, SmpGroup, SmpOp, type DuplexByteStream,
} from "../../flash-tool/smp/index.ts";

const here = path.dirname(fileURLToPath(import.meta.url));
const APP = path.join(here, "../boards/fixtures/smp-server.ts");
const CRASHING_APP = path.join(here, "../boards/fixtures/smp-crash.ts");
const LINK_APP = path.join(here, "../boards/fixtures/smp-with-link.ts");
const hasQemu = qemuAvailable();
if (!hasQemu) console.warn("NOTICE: qemu-system-arm not found; the SMP server runs on the pico only");

const cleanups: Array<() => Promise<unknown> | unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** The simulated board's console UART as a byte stream: what the client writes goes to the
 *  device's input queue; what the device prints comes out as data. */
class SimulatedPort extends EventEmitter implements DuplexByteStream {
  readonly input = new InputQueue();
  write(bytes: Uint8Array): boolean {
    this.input.push(bytes);
    return true;
  }
}

interface Device {
  client: SmpClient;
  /** Sends raw bytes, as a host that does not speak SMP properly. */
  raw(bytes: Uint8Array): void;
  console(): string;
  /** Everything the device sent, SMP lines included. */
  received(): Buffer;
}

/** Builds the app as a device build (a crash or a reset request resets it, and the next boot
 *  says why) and boots it; on QEMU the console UART is a pseudo-terminal, opened as a serial
 *  port. */
async function boot(boardId: string, app: string = APP): Promise<Device> {
  const board = findBoard(boardId);
  const id = `smp-${boardId}`;
  const built = build({
    entry: app, board, outDir: mkdtempSync(path.join(tmpdir(), "mote-smp-")), forSimulator: true, crashResets: true,
    identity: { deviceId: id, version: "1.2.3" },
  });
  if (!built.ok) throw new Error(built.diagnostics);
  const stop = new AbortController();
  let text = "";
  const onConsole = (bytes: Uint8Array) => { text += Buffer.from(bytes).toString(); };
  const image = bootImageOf(built.image, built.files!.elf);
  if (board.simulator.kind === "rp2040js") {
    const port = new SimulatedPort();
    const client = new SmpClient(port, { timeoutMs: 2000, onConsole });
    const raw: Buffer[] = [];
    const run = targetFor(board).run({
      board, image, timeoutMs: 110_000, realTime: true, consoleInput: port.input, signal: stop.signal,
      onConsole: (bytes) => { raw.push(Buffer.from(bytes)); port.emit("data", bytes); },
    });
    cleanups.push(async () => { client.close(); stop.abort(); port.input.end(); await run; });
    return { client, raw: (bytes) => port.write(bytes), console: () => text, received: () => Buffer.concat(raw) };
  }
  let ptyReady: (p: string) => void = () => {};
  const pty = new Promise<string>((resolve) => { ptyReady = resolve; });
  const run = targetFor(board).run({ board, image, timeoutMs: 110_000, realTime: true, serialPty: (p) => ptyReady(p), signal: stop.signal });
  const ptyPath = await Promise.race([pty, run.then((r) => { throw new Error(`the simulator ended before its pty was ready: ${r.simulatorLog}`); })]);
  const serial = await openSerialPort(ptyPath, 115200);
  const client = new SmpClient(serial, { timeoutMs: 2000, deviceName: ptyPath, onConsole });
  const raw: Buffer[] = [];
  serial.on("data", (data: Buffer) => raw.push(data));
  cleanups.push(async () => {
    client.close();
    await new Promise((resolve) => serial.close(resolve));
    stop.abort();
    await run;
  });
  return { client, raw: (bytes) => serial.write(bytes), console: () => text, received: () => Buffer.concat(raw) };
}

async function until(check: () => boolean, what: string, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const frameOf = (group: number, command: number, body: Uint8Array, op: number = SmpOp.READ, sequence = 0x42) =>
  encodeSerialFrame(encodePacket({ version: 0, op, group, command, sequence }, body));

const boards = ["pico", ...(hasQemu ? ["mps2-an385", "microbit"] : [])];

describe.each(boards)("the SMP server on %s", (boardId) => {
  const start = () => boot(boardId);
  it("answers echo, params, OS info, statistics and diagnostics, refuses what it lacks, and keeps the console whole", async () => {
    const device = await start();
    const { client } = device;
    expect(await client.echo("hello")).toBe("hello");
    // The spec's echo "hello" request, byte for byte, and the device's answer byte for byte.
    device.raw(Uint8Array.from([0x06, 0x09, ...Buffer.from("ABMCAAAJAAAAAKFhZGVoZWxsbyVv"), 0x0a]));
    const answer = encodeSerialFrame(encodePacket({ version: 0, op: SmpOp.WRITE_RESPONSE, group: 0, command: 0, sequence: 0 }, Uint8Array.from([0xa1, 0x61, 0x72, 0x65, ...Buffer.from("hello")])));
    expect(Buffer.from(answer).toString("latin1")).toBe("\x06\x09ABMDAAAJAAAAAKFhcmVoZWxsb6PT\n");
    await until(() => device.received().includes(Buffer.from(answer)), "the answer to the spec's echo request");
    const long = "x".repeat(300);
    expect(await client.echo(long)).toBe(long);
    expect(await client.params()).toEqual({ bufSize: 512, bufCount: 1 });
    expect(await client.osInfo()).toBe("mote");
    expect(await client.osInfo("a")).toBe(`mote smp-${boardId} 1.2.3 1.2.3 unknown arm unknown ${boardId} mote`);
    expect(await client.statsList()).toEqual(["smp", "uart", "link"]);
    const smp = await client.stats("smp");
    expect(smp).toMatchObject({ bad_crc: 0, bad_base64: 0, oversize: 0, broken: 0, errors: 0 });
    expect(smp.frames).toBe(smp.requests + 1); // this one is answered after it is counted
    expect(await client.stats("link")).toEqual({ sent: 0, received: 0, corrupt: 0 });
    expect((await client.stats("uart")).dropped).toBe(0);
    const info = await client.request(SmpOp.READ, SmpGroup.MOTE, 0, {}, "mote diagnostics");
    expect(info).toMatchObject({ id: `smp-${boardId}`, version: "1.2.3", board: boardId, resetReason: "power-on" });
    expect(info.heapFree).toBeGreaterThan(0);
    expect(info.heapUsed).toBeGreaterThan(0);
    expect(info.uptime).toBeGreaterThan(0);
    // Unknown group, unknown command, a malformed body: error answers, the device goes on.
    await expect(client.request(SmpOp.READ, 77, 0, {}, "group 77")).rejects.toMatchObject({ rc: 8 });
    await expect(client.request(SmpOp.READ, SmpGroup.OS, 99, {}, "os 99")).rejects.toMatchObject({ rc: 8 });
    await expect(client.request(SmpOp.WRITE, SmpGroup.OS, 0, { d: 5 }, "echo of a number")).rejects.toMatchObject({ rc: 3 });
    await expect(client.stats("nothing")).rejects.toBeInstanceOf(SmpError);
    expect(await client.echo("still here")).toBe("still here");
    // Console text between the answers: whole lines, in order.
    await until(() => /tick 3\n/.test(device.console()), "three ticks");
    const ticks = device.console().split("\n").filter((l) => l.startsWith("tick"));
    expect(ticks).toEqual(ticks.map((_, i) => `tick ${Number(ticks[0].slice(5)) + i}`));
  }, 120_000);

  it("drops damaged frames and counts them, answers a truncated CBOR body with EINVAL, and keeps answering", async () => {
    const device = await start();
    const { client } = device;
    expect(await client.echo("first")).toBe("first");
    const good = frameOf(SmpGroup.OS, 0, Uint8Array.from([0xa1, 0x61, 0x64, 0x62, 0x68, 0x69]), SmpOp.WRITE);
    const badCrc = good.slice();
    badCrc[10] = badCrc[10] === 0x41 ? 0x42 : 0x41; // one base64 digit changed: the CRC no longer matches
    const badBase64 = good.slice();
    badBase64[5] = 0x2a; // "*"
    const oversize = Uint8Array.from([0x06, 0x09, ...new Array(200).fill(0x41), 0x0a]);
    const tooLong = frameOf(SmpGroup.OS, 0, new Uint8Array(600).fill(0x41), SmpOp.WRITE); // longer than buf_size
    const orphan = Uint8Array.from([0x04, 0x14, ...Buffer.from("AAAA"), 0x0a]);
    // A frame that checks, its CBOR body cut short (a map of one entry without its value).
    const truncated = frameOf(SmpGroup.OS, 0, Uint8Array.from([0xa1, 0x61, 0x64]), SmpOp.WRITE);
    device.raw(Uint8Array.from([...orphan, ...badCrc, ...badBase64, ...oversize, ...tooLong, ...truncated]));
    expect(await client.stats("smp")).toMatchObject({ bad_crc: 1, bad_base64: 1, oversize: 2, broken: 1, errors: 1 });
    expect(await client.echo("after")).toBe("after");
  }, 120_000);

  it("resets when asked, after answering, and comes back", async () => {
    const device = await start();
    const { client } = device;
    expect(await client.echo("before")).toBe("before");
    const starts = () => device.console().split("smp app started").length - 1;
    const before = starts();
    await client.reset();
    await until(() => starts() > before, "the app starting again");
    expect(await client.echo("after the reset")).toBe("after the reset");
    const info = await client.request(SmpOp.READ, SmpGroup.MOTE, 0, {}, "mote diagnostics");
    expect(info.resetReason).toBe("reset");
  }, 120_000);

  it("after a crash, gives the report the device kept in its diagnostics", async () => {
    const device = await boot(boardId, CRASHING_APP);
    const { client } = device;
    const before = await client.request(SmpOp.READ, SmpGroup.MOTE, 0, {}, "mote diagnostics");
    expect(before.resetReason).toBe("power-on");
    expect(before.crash).toBeUndefined();
    device.raw(Uint8Array.of(0x07));
    await until(() => device.console().includes("!mote-crash") && device.console().split("smp crash app started").length >= 2, "the crash and the next boot");
    const after = await client.request(SmpOp.READ, SmpGroup.MOTE, 0, {}, "mote diagnostics");
    expect(after).toMatchObject({ resetReason: "crash", crash: { kind: "throw" } });
    const words = (after.crash as { words: Uint8Array }).words;
    expect(words.length % 4).toBe(0);
    expect(words.length).toBeGreaterThanOrEqual(12);
  }, 120_000);

  it("shares the UART with link frames: a frame between an SMP request's lines, or inside one, and both answered", async () => {
    const device = await boot(boardId, LINK_APP);
    const { client } = device;
    expect(await client.echo("first")).toBe("first");
    // A three-line echo request with link frames spliced in: between its first two lines, and
    // in the middle of its last line. The link takes its frames out; SMP sees its lines whole.
    const text = "y".repeat(200);
    const request = frameOf(SmpGroup.OS, 0, encodeBody({ d: text }), SmpOp.WRITE, 0x33);
    const lineEnds = [...request.keys()].filter((i) => request[i] === 0x0a);
    expect(lineEnds.length).toBe(3);
    const cut = lineEnds[1] + 20;
    device.raw(Uint8Array.from([
      ...request.subarray(0, lineEnds[0] + 1), ...encodeFrame(1, Buffer.from("abc")),
      ...request.subarray(lineEnds[0] + 1, cut), ...encodeFrame(1, Buffer.from("defg")), ...request.subarray(cut),
    ]));
    const answer = encodeSerialFrame(encodePacket({ version: 0, op: SmpOp.WRITE_RESPONSE, group: 0, command: 0, sequence: 0x33 }, encodeBody({ r: text })));
    try {
      await until(() => device.received().includes(Buffer.from(answer)), "the answer to the spliced request");
    } catch (error) {
      // Say what the device saw: what it counted of the UART, the link and SMP.
      const seen = { uart: await client.stats("uart"), link: await client.stats("link"), smp: await client.stats("smp") };
      throw new Error(`${(error as Error).message}; the device counted ${JSON.stringify(seen)}`);
    }
    const frames: Frame[] = [];
    new FrameReader((frame) => frames.push(frame), () => {}).push(device.received());
    expect(frames.map((f) => [f.channel, Buffer.from(f.payload).toString()])).toEqual([[2, "cba"], [2, "gfed"]]);
    expect(await client.stats("link")).toEqual({ sent: 2, received: 2, corrupt: 0 });
    expect(await client.stats("smp")).toMatchObject({ bad_crc: 0, bad_base64: 0, oversize: 0, broken: 0 });
  }, 120_000);
});
