// Device arrays have no holes (a hole and undefined are one word), so a longer `length`, which
// in JavaScript appends holes, stops with a RangeError that says so, at the assignment, rather
// than print `undefined` where Node prints `<n empty items>`. Node runs this program without
// an error, so it cannot be a conformance program.

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runApp } from "../../sdk/cli/run-app.ts";
import { qemuAvailable } from "../../sdk/sim/index.ts";

const dir = mkdtempSync(path.join(tmpdir(), "mote-array-length-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const PROGRAM = `const xs = [1, 2, 3];
xs.length = 2;
console.log(xs);
xs.length = 2;
xs.length = 4;
console.log("not reached");
`;

describe("a longer array length", () => {
  const board = qemuAvailable() ? "mps2-an385" : "pico";
  it(`stops with a RangeError naming the assignment on ${board}`, async () => {
    const entry = path.join(dir, "extend.ts");
    writeFileSync(entry, PROGRAM);
    const run = await runApp(entry, board, { timeoutMs: 60_000 });
    expect(run.stdout).toBe("[ 1, 2 ]\n");
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain("RangeError: Extending an array through its length makes holes, which devices do not support");
    expect(run.stderr).toMatch(/extend\.ts:5:/);
  }, 120_000);
});
