// mote/cbor on devices (rp2040js and QEMU): programs that encode and decode tables of values
// print exactly what the same programs print on Node (the host board), in each number model
// (sdk/compiler/lower/doubles.ts). Where a model cannot hold a decoded number, the device's
// line is the CborError that says so, and Node's is the number.

import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { findBoard, hostBoard } from "../../boards/index.ts";
import { bundleForHost } from "../../ports/host/bundle.ts";
import { qemuAvailable, targetFor } from "../../sdk/sim/index.ts";
import { boot } from "./boot.ts";

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), "fixtures");
const boards = ["pico", ...(qemuAvailable() ? ["mps2-an385"] : [])];
if (!qemuAvailable()) console.warn("NOTICE: qemu-system-arm not found; the CBOR device tests run on pico only");

/** The program's console on Node (the host port runs sdk/lib/cbor.ts unchanged). */
async function onNode(file: string): Promise<string> {
  const bundled = await bundleForHost(file, hostBoard, path.join(mkdtempSync(path.join(tmpdir(), "mote-cbor-host-")), "app.mjs"));
  if (!bundled.ok) throw new Error(bundled.diagnostics);
  const console = new ConsoleText();
  const run = await targetFor(hostBoard).run({
    board: hostBoard, image: { scriptPath: bundled.script }, timeoutMs: 30_000, onConsole: (bytes) => console.add(bytes),
  });
  expect(run.exitCode, console.text()).toBe(0);
  return console.text();
}

/** A console's bytes, decoded as UTF-8 at the end: a character may arrive split over two chunks. */
class ConsoleText {
  private chunks: Buffer[] = [];
  add(bytes: Uint8Array): void {
    this.chunks.push(Buffer.from(bytes));
  }
  text(): string {
    return Buffer.concat(this.chunks).toString("utf8");
  }
}

const INT32_LIMIT = /^CBOR: an integer beyond int32, and this program's numbers are int32 only/;
const INT32_FLOAT = /^CBOR: a floating-point number, and this program's numbers are int32 only/;
const INTEGRAL_FRACTION = /^CBOR: a number with a fraction, and this program's numbers are integers only/;

/** Fixture, and what the device prints instead of Node's line after the "numbers" line
 *  (undefined: the same line as Node's). */
const PROGRAMS: Array<[file: string, afterNumbers: Array<RegExp | undefined>]> = [
  ["cbor-table.ts", []],
  ["cbor-integral.ts", [undefined, undefined, undefined, INTEGRAL_FRACTION, undefined, undefined]],
  ["cbor-int32.ts", [INT32_LIMIT, INT32_LIMIT, INT32_LIMIT, INT32_FLOAT, INT32_FLOAT, INT32_FLOAT]],
];

describe.each(boards)("mote/cbor on %s", (boardId) => {
  for (const [file, afterNumbers] of PROGRAMS) {
    it(`${file} prints what it prints on Node`, async () => {
      const entry = path.join(fixtures, file);
      const console = new ConsoleText();
      const [node, device] = await Promise.all([onNode(entry), boot(entry, boardId, { onConsole: (bytes) => console.add(bytes) })]);
      expect(device.run.exitCode, console.text()).toBe(0);
      const nodeLines = node.split("\n"), deviceLines = console.text().split("\n");
      expect(deviceLines.length).toBe(nodeLines.length);
      const numbers = nodeLines.indexOf("numbers");
      const compared = numbers < 0 ? nodeLines.length : numbers + 1;
      expect(deviceLines.slice(0, compared).join("\n")).toBe(nodeLines.slice(0, compared).join("\n"));
      afterNumbers.forEach((expected, i) => {
        const line = deviceLines[compared + i];
        if (expected === undefined) expect(line).toBe(nodeLines[compared + i]);
        else expect(line).toMatch(expected);
      });
      expect(findBoard(boardId).id).toBe(boardId);
    });
  }
});
