// `npm run bench` says what changed since the run it recorded before (bench/history.ts).

import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { changes, printChanges } from "../../bench/history.ts";

describe("bench history", () => {
  it("names each program and board whose image or instructions changed, with the difference", () => {
    const before = [
      { program: "fib", board: "pico", imageBytes: 24_000, instructions: 3_000_000 },
      { program: "hello", board: "pico", imageBytes: 1_656, instructions: 354 },
    ];
    const after = [
      { program: "fib", board: "pico", imageBytes: 24_240, instructions: 2_700_000 },
      { program: "hello", board: "pico", imageBytes: 1_656, instructions: 354 },
      { program: "cbor", board: "pico", imageBytes: 9_000 },
    ];
    expect(changes(before, after)).toEqual([
      "fib on pico: image 24,000 → 24,240 (+240, +1.0 %); instructions 3,000,000 → 2,700,000 (-300,000, -10.0 %)",
    ]);
  });

  it("records each run and compares the next one with it", () => {
    const record = path.join(mkdtempSync(path.join(tmpdir(), "mote-bench-history-")), "bench.json");
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    try {
      printChanges([{ program: "hello", board: "microbit", imageBytes: 900 }], record);
      expect(log.mock.calls.flat().join("\n")).toContain("none recorded yet");
      printChanges([{ program: "hello", board: "microbit", imageBytes: 880 }], record);
      expect(log.mock.calls.flat().join("\n")).toContain("hello on microbit: image 900 → 880 (-20, -2.2 %)");
    } finally {
      log.mockRestore();
    }
    expect(JSON.parse(readFileSync(record, "utf8")).figures).toEqual([{ program: "hello", board: "microbit", imageBytes: 880 }]);
  });
});
