// The telemetry part of `npm run bench` (issue 9's checks), each figure measured end to end:
// - bytes per reading: the CBOR payload the device sends for a reading against the same
//   reading as JSON, and what one reading costs on the serial link (MQTT PUBLISH in a link
//   frame), with the readings per second that leaves at 115200 baud;
// - readings per second through the bridge into aedes from one simulated device, paced to
//   the host's clock as `mote run` runs it;
// - the image size an app that publishes adds over hello on the Pico (target ≤ 8 KB for
//   mote/cbor + mote/mqtt + telemetry), with the modules it is made of;
// - the device's instructions per reading: encoded, published, framed and acknowledged, as
//   the difference of 101 readings and 1 over 100 (start-up and connecting cancel out).
// Figures only: nothing here is asserted.

import { mkdtempSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { encode } from "cbor-x";
import { findBoard } from "../boards/index.ts";
import type { Board } from "../boards/types.ts";
import { FrameReader } from "../flash-tool/link/index.ts";
import { Bridge } from "../flash-tool/telemetry/bridge.ts";
import { startBroker } from "../flash-tool/telemetry/broker.ts";
import { subscribeTelemetry } from "../flash-tool/telemetry/consumer.ts";
import { build } from "../sdk/compiler/index.ts";
import { InputQueue } from "../sdk/sim/input-queue.ts";
import { bootImageOf, qemuAvailable, targetFor, type RunOptions } from "../sdk/sim/index.ts";

const programs = path.join(path.dirname(fileURLToPath(import.meta.url)), "programs");
const SIZE_TARGET = 8 * 1024;
const LINE_RATE_BAUD = 115_200;
/** Readings stream.ts publishes. */
const STREAM_TOTAL = 1000;

interface BridgedRun {
  instructions?: number;
  /** ms from the first reading at the broker to the last. */
  spanMs: number;
  readings: number;
  /** Bytes the device sent inside link frames, and the frames. */
  frameBytes: number;
  frames: number;
  payloadBytes: number[];
  problem?: string;
}

/** Runs `program` on `board` bridged to an aedes broker until `last` readings arrived, or
 *  (`untilText`) until the device says so. */
async function bridged(program: string, board: Board, workDir: string, last: number, extra: Partial<RunOptions>, untilText?: string): Promise<BridgedRun> {
  const built = build({ entry: path.join(programs, "telemetry", `${program}.ts`), board, outDir: mkdtempSync(path.join(workDir, `${program}-`)), forSimulator: true });
  if (!built.ok) return { spanMs: 0, readings: 0, frameBytes: 0, frames: 0, payloadBytes: [], problem: built.diagnostics.split("\n")[0] };
  const broker = await startBroker({ port: 0 });
  const subscription = subscribeTelemetry(broker.url, { reorderMs: 0 });
  await subscription.whenConnected();
  const stop = new AbortController();
  const run: BridgedRun = { spanMs: 0, readings: 0, frameBytes: 0, frames: 0, payloadBytes: [] };
  let first = 0;
  subscription.on("reading", (reading) => {
    const at = performance.now();
    if (run.readings === 0) first = at;
    run.readings++;
    run.spanMs = at - first;
    if (run.readings === last && untilText === undefined) stop.abort();
  });
  const input = new InputQueue();
  const bridge = new Bridge({ broker: broker.url, toDevice: (bytes) => input.push(bytes), log: () => {} });
  const reader = new FrameReader((frame) => {
    run.frames++;
    if (frame.channel === 1 && (frame.payload[0] & 0xf0) === 0x30 && isReading(frame.payload)) run.payloadBytes.push(publishPayloadLength(frame.payload));
    bridge.receive(frame);
  }, () => {});
  let consoleBytes = 0;
  let textBytes = 0;
  let text = "";
  const textCounter = new FrameReader(() => {}, (bytes) => {
    textBytes += bytes.length;
    text += Buffer.from(bytes).toString("latin1");
    if (untilText !== undefined && text.includes(untilText)) stop.abort();
  });
  try {
    const result = await targetFor(board).run({
      board, image: bootImageOf(built.image, built.files!.elf), timeoutMs: 120_000, signal: stop.signal, consoleInput: input,
      onConsole: (bytes) => { consoleBytes += bytes.length; textCounter.push(bytes); reader.push(bytes); },
      ...extra,
    });
    run.instructions = result.instructions;
    if (result.reason !== "stopped") run.problem = `${result.reason} after ${run.readings} readings: ${result.simulatorLog.split("\n")[0]}`;
  } finally {
    bridge.close();
    input.end();
    await subscription.close();
    await broker.close();
  }
  run.frameBytes = consoleBytes - textBytes;
  return run;
}

/** An MQTT PUBLISH packet's parts: its remaining length, topic and where the topic starts. */
function publishParts(packet: Uint8Array): { remaining: number; topic: string; qos: number } {
  let remaining = 0;
  let at = 1;
  for (let shift = 0; ; shift += 7) {
    const byte = packet[at++];
    remaining |= (byte & 0x7f) << shift;
    if ((byte & 0x80) === 0) break;
  }
  const topicLength = (packet[at] << 8) | packet[at + 1];
  return { remaining, topic: Buffer.from(packet.subarray(at + 2, at + 2 + topicLength)).toString("utf8"), qos: (packet[0] >> 1) & 3 };
}

function isReading(packet: Uint8Array): boolean {
  return publishParts(packet).topic.includes("/telemetry/");
}

/** The application payload's length (QoS 1: after the packet id). */
function publishPayloadLength(packet: Uint8Array): number {
  const { remaining, topic, qos } = publishParts(packet);
  return remaining - 2 - Buffer.byteLength(topic) - (qos > 0 ? 2 : 0);
}

export async function telemetryBench(workDir: string): Promise<void> {
  console.log("");
  console.log(`telemetry (issue 9): mote/cbor + mote/mqtt + telemetry ≤ ${SIZE_TARGET.toLocaleString("en-US")} B added on pico`);
  const pico = findBoard("pico");

  // What a reading weighs: the device's own payload, and the same reading as JSON.
  const sample = { seq: 1234, boot: 3_735_928_559, t: 86_400_000, v: 21.5 };
  console.log(`a reading ${JSON.stringify(sample)}: CBOR ${encode(sample).length} B (cbor-x), JSON ${Buffer.byteLength(JSON.stringify(sample))} B`);

  const hello = build({ entry: path.join(programs, "hello.ts"), board: pico, outDir: mkdtempSync(path.join(workDir, "hello-")), forSimulator: true });
  const app = build({ entry: path.join(programs, "telemetry", "publish-1.ts"), board: pico, outDir: mkdtempSync(path.join(workDir, "size-")), forSimulator: true });
  if (hello.ok && app.ok) {
    const added = app.image.flashBytes.length - hello.image.flashBytes.length;
    console.log(`image: hello ${hello.image.flashBytes.length.toLocaleString("en-US")} B, an app that publishes ${app.image.flashBytes.length.toLocaleString("en-US")} B: ` +
      `${added.toLocaleString("en-US")} B added  ${added <= SIZE_TARGET ? "PASS" : "MISS"}`);
    const rows = app.sizeReport.split("\n").filter((line) => /^(sdk\/lib\/(cbor|mqtt|link|telemetry)|sdk\/lib\/rt\/(bignum|numconv|heap|promise)|strings )/.test(line));
    console.log(`  the largest parts: ${rows.map((line) => line.split(/\s+/).slice(0, 2).join(" ")).join(", ")}`);
  }

  for (const board of [pico, findBoard("mps2-an385")]) {
    if (board.simulator.kind === "qemu" && !qemuAvailable()) {
      console.log(`${board.id}: qemu-system-arm not installed`);
      continue;
    }
    // Paced to the host's clock: unpaced, simulated time leaps ahead while the core sleeps,
    // and the device's timeouts (the link's 2 s wait for the bridge, MQTT's wait for a
    // PUBACK) end before the host has answered: retries would be counted as the cost.
    const paced = true;
    const one = await bridged("publish-1", board, workDir, 1, { countInstructions: true, realTime: paced }, "acknowledged");
    const many = await bridged("publish-101", board, workDir, 101, { countInstructions: true, realTime: paced }, "acknowledged");
    const perReading = one.instructions !== undefined && many.instructions !== undefined ? Math.round((many.instructions - one.instructions) / 100) : undefined;
    const stream = await bridged("stream", board, workDir, STREAM_TOTAL, { realTime: paced });
    const problem = one.problem ?? many.problem ?? stream.problem;
    if (problem) console.log(`${board.id}: ${problem}`);
    const linkBytes = (many.frameBytes - one.frameBytes) / 100;
    const payload = many.payloadBytes.length > 0 ? many.payloadBytes[many.payloadBytes.length - 1] : 0;
    const perSecond = stream.spanMs > 0 ? Math.round(((stream.readings - 1) * 1000) / stream.spanMs) : 0;
    console.log(`${board.id}: ${perReading?.toLocaleString("en-US") ?? "—"} instructions per reading (encode, publish, frame, PUBACK); ` +
      `a reading's payload ${payload} B, ${linkBytes.toFixed(1)} B per reading on the link ` +
      `(${Math.floor(LINE_RATE_BAUD / 10 / linkBytes)} readings/s at ${LINE_RATE_BAUD} baud); ` +
      `${perSecond.toLocaleString("en-US")} readings/s through the bridge into aedes (${stream.readings} in ${Math.round(stream.spanMs)} ms)`);
  }
}
