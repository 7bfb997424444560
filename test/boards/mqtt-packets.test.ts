// mote/mqtt compiled for devices (issue 9, item 2): fixtures/mqtt-packets.ts encodes the
// client's packets, parses a broker's (a malformed one skipped, then a lost stream) and runs a
// client session over a loopback transport. On pico (rp2040js) and mps2-an385 (QEMU) it must
// print exactly what Node prints for the same source (the host board, ports/host).

import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { hostBoard } from "../../boards/index.ts";
import { bundleForHost } from "../../ports/host/bundle.ts";
import { qemuAvailable, targetFor } from "../../sdk/sim/index.ts";
import { boot } from "./boot.ts";

const fixture = path.join(path.dirname(fileURLToPath(import.meta.url)), "fixtures/mqtt-packets.ts");
const boards = ["pico"];
if (qemuAvailable()) boards.push("mps2-an385");
else console.warn("NOTICE: qemu-system-arm not found; mote/mqtt runs on pico only");

describe("mote/mqtt on devices prints what Node prints", () => {
  let onNode = "";
  beforeAll(async () => {
    const bundled = await bundleForHost(fixture, hostBoard, path.join(mkdtempSync(path.join(tmpdir(), "mote-mqtt-")), "app.mjs"));
    if (!bundled.ok) throw new Error(bundled.diagnostics);
    const chunks: Buffer[] = [];
    const run = await targetFor(hostBoard).run({
      board: hostBoard, image: { scriptPath: bundled.script }, timeoutMs: 30_000,
      onConsole: (bytes) => { chunks.push(Buffer.from(bytes)); },
    });
    onNode = Buffer.concat(chunks).toString();
    expect(run.exitCode, run.simulatorLog).toBe(0);
    // The reference itself is right: the encodings are mqtt-packet's (test/unit/mqtt-packets.test.ts).
    expect(onNode).toContain("PUBLISH 3b0d00066d6f74652f740102010203\n");
    expect(onNode).toContain("ended; sent 5 received 4 malformed 0\n");
  });

  it.each(boards)("on %s", async (board) => {
    // The console's bytes are decoded once at the end: a chunk may end inside a UTF-8 sequence.
    const chunks: Buffer[] = [];
    const { run } = await boot(fixture, board, { onConsole: (bytes) => chunks.push(Buffer.from(bytes)) });
    expect(run.exitCode, run.simulatorLog).toBe(0);
    expect(Buffer.concat(chunks).toString()).toBe(onNode);
  });
});
