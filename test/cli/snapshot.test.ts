// `mote build` from the compiler's startup snapshot (sdk/cli/build-snapshot.ts, made by
// build-snapshot-maker.js in the background after a build without one): real `mote`
// processes. A build from the snapshot writes the same image as one without it, and reports a
// compile error the same way.

import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const moteBin = path.join(repoRoot, "sdk/cli/mote.js");
const workDir = mkdtempSync(path.join(tmpdir(), "mote-snapshot-test-"));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

const APP = `const readings = [20.5, 21, 22.25];
let total = 0;
for (const r of readings) total += r;
console.log("mean", total / readings.length);
`;

interface Ran { stderr: string; code: number | null }

function build(name: string, source: string, env: Record<string, string>): Promise<Ran> {
  const dir = path.join(workDir, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "app.ts"), source);
  return new Promise((resolve) => {
    execFile(process.execPath, [moteBin, "build", "app.ts", "--board", "mps2-an385"], { cwd: dir, env: { ...process.env, MOTE_DEBUG: "1", ...env }, encoding: "utf8", timeout: 120_000 },
      (error, _stdout, stderr) => resolve({ stderr, code: error ? (typeof error.code === "number" ? error.code : null) : 0 }));
  });
}

/** The flash image (the ELF also names the folder it was built in). */
const image = (name: string) => readFileSync(path.join(workDir, name, "build/mps2-an385/app.bin"));

describe("mote build from the compiler's startup snapshot", () => {
  it("builds the image a build without it builds, and reports compile errors alike", async () => {
    const first = await build("first", APP, {});
    expect(first.code, first.stderr).toBe(0);
    const blob = /startup snapshot(?: for the next build in the background:)? (\S+\.blob)/.exec(first.stderr)?.[1];
    expect(blob, first.stderr).toBeDefined();
    for (const started = Date.now(); !existsSync(blob!) && Date.now() - started < 150_000;) await new Promise((r) => setTimeout(r, 500));
    expect(existsSync(blob!), "the snapshot was not made").toBe(true);

    const fromSnapshot = await build("snapshot", APP, {});
    expect(fromSnapshot.stderr).toContain(`mote: building from the startup snapshot ${blob}`);
    expect(fromSnapshot.code, fromSnapshot.stderr).toBe(0);
    const without = await build("without", APP, { MOTE_SNAPSHOT: "0" });
    expect(without.stderr).not.toContain("startup snapshot");
    expect(without.code, without.stderr).toBe(0);
    expect(image("snapshot").equals(image("without"))).toBe(true);

    const broken = await build("broken", `const n: number = "one";\n`, {});
    expect(broken.stderr).toContain("building from the startup snapshot");
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain("app.ts:1:7 - error TS2322: Type 'string' is not assignable to type 'number'.");
  }, 300_000);
});
