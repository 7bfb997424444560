// `mote run --profile`: instructions per function, counted by rp2040js at every instruction
// and summed over the image's functions (sdk/sim/profile.ts).

import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { qemuAvailable } from "../../sdk/sim/index.ts";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

async function mote(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [path.join(repoRoot, "sdk/cli/mote.js"), ...args], { cwd: repoRoot });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

// A loop in one function that runs 10,000 times: it must top the profile.
const APP = `function spin(n: number): number {
  let sum = 0;
  for (let i = 0; i < n; i++) sum = (sum + (i ^ 0x55)) & 0xffff;
  return sum;
}
console.log(spin(10000));
`;

describe("mote run --profile", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "mote-profile-"));
  const app = path.join(dir, "spin.ts");
  writeFileSync(app, APP);

  it("prints instructions by function on the pico, the hot loop first", async () => {
    const run = await mote(["run", app, "--board", "pico", "--profile"]);
    expect(run).toMatchObject({ code: 0, stdout: "57848\n" });
    const lines = run.stderr.split("\n");
    const heading = lines.findIndex((line) => line.startsWith("instructions by function ("));
    expect(heading).toBeGreaterThanOrEqual(0);
    const [, count, share, name] = /^\s*([\d,]+)\s+([\d.]+) %\s+(\S+)/.exec(lines[heading + 1]) ?? [];
    expect(name).toBe("spin");
    expect(Number(count.replaceAll(",", ""))).toBeGreaterThan(50_000);
    expect(Number(share)).toBeGreaterThan(50);
  });

  it.skipIf(!qemuAvailable())("says where it runs on a QEMU board", async () => {
    const run = await mote(["run", app, "--board", "mps2-an385", "--profile"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("profiling counts instructions per address in rp2040js: it runs on the pico, not on QEMU's 'mps2-an385' machine");
  });
});
