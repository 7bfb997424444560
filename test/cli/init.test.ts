// mote in one's own project (issue 8, item 8): `mote init` writes a project, mote installs
// into it from the packed tarball (`npm pack`, as a registry would serve it), and there
// `npx mote build` and the editor's TypeScript (tsc with the project's tsconfig) agree: the
// same types, the same error for a pin the board lacks. Switching board is one setting.

import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const work = mkdtempSync(path.join(tmpdir(), "mote-init-test-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function run(command: string, args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(command, args, { cwd, encoding: "utf8", maxBuffer: 16 << 20, timeout: 300_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === "number" ? e.code : 1, stdout: e.stdout ?? "", stderr: e.stderr ?? "" };
  }
}

describe("mote init and mote installed from a tarball", () => {
  it("builds the app, and tsc in the project reports what mote build reports", async () => {
    const packed = await run("npm", ["pack", "--pack-destination", work, "--silent"], repoRoot);
    expect(packed.code, packed.stderr).toBe(0);
    const tarball = path.join(work, packed.stdout.trim().split("\n").at(-1)!);

    const project = path.join(work, "my-sensor");
    const init = await run(process.execPath, [path.join(repoRoot, "sdk/cli/mote.js"), "init", project, "--board", "microbit", "--mote", `file:${tarball}`], repoRoot);
    expect(init.code, init.stderr).toBe(0);
    const manifest = JSON.parse(readFileSync(path.join(project, "package.json"), "utf8"));
    expect(manifest.mote).toEqual({ board: "microbit" });

    const installed = await run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund"], project);
    expect(installed.code, installed.stderr).toBe(0);
    expect(installed.stderr).not.toMatch(/install-scripts/); // the scripts mote needs are approved

    const built = await run("npx", ["mote", "build", "app.ts"], project);
    expect(built.code, built.stderr).toBe(0);
    expect(built.stderr).toContain("for microbit");
    const tsc = path.join(project, "node_modules/typescript/bin/tsc");
    expect((await run(process.execPath, [tsc, "-p", "."], project)).stdout).toBe("");

    // A pin the board lacks: the same error from both, naming the board.
    writeFileSync(path.join(project, "app.ts"), 'import { pins } from "mote";\npins.BUTTON_C.toggle();\n');
    const refused = await run("npx", ["mote", "build", "app.ts"], project);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/app\.ts:2:6 - error TS2551: Property 'BUTTON_C' does not exist on type 'MicrobitPins'\. Did you mean 'BUTTON'\?/);
    const editor = await run(process.execPath, [tsc, "-p", "."], project);
    expect(editor.stdout).toMatch(/app\.ts\(2,6\): error TS2551: Property 'BUTTON_C' does not exist on type 'MicrobitPins'\. Did you mean 'BUTTON'\?/);

    // Switching board is one setting: the next build regenerates the types the editor sees.
    writeFileSync(path.join(project, "app.ts"), 'import { pins } from "mote";\npins.BUTTON.onChange("falling", () => pins.LED.toggle());\n');
    writeFileSync(path.join(project, "package.json"), JSON.stringify({ ...manifest, mote: { board: "mps2-an385" } }, null, 2));
    const mps2 = await run("npx", ["mote", "build", "app.ts"], project);
    expect(mps2.code).toBe(1);
    expect(mps2.stderr).toContain("Property 'BUTTON' does not exist on type 'Mps2An385Pins'");
    expect((await run(process.execPath, [tsc, "-p", "."], project)).stdout).toContain("Property 'BUTTON' does not exist on type 'Mps2An385Pins'");
  }, 600_000);
});
