// Runs a conformance program on Node, the reference every device run is compared against.
// The program is bundled the way the host port bundles apps (esbuild, platform node, ESM),
// so that `import … from "mote"` resolves to ports/host once that port exists.

import { build } from "esbuild";
import { spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import ts from "typescript";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = resolve(fileURLToPath(new URL("../..", import.meta.url)));
const hostPortEntry = join(repoRoot, "ports", "host", "index.ts");

/** A program that has not ended by then is killed; conformance programs finish in well under a second. */
const NODE_TIMEOUT_MS = 30_000;

export interface NodeRun {
  stdout: string;
  exitCode: number;
  /** Only for failure messages: what Node said on stderr. */
  stderr: string;
}

export async function runOnNode(file: string): Promise<NodeRun> {
  const entry = resolve(file);
  const outDir = await mkdtemp(join(tmpdir(), "mote-conformance-"));
  try {
    const outFile = join(outDir, basename(entry).replace(/\.ts$/, ".mjs"));
    const source = readFileSync(entry, "utf8");
    if (!/^\s*import\s/m.test(source)) {
      // A program without imports is only transpiled: bundling would turn top-level let and
      // const into var (esbuild does, for speed), which loses the temporal dead zone.
      const { outputText } = ts.transpileModule(source, {
        compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
        fileName: entry,
      });
      writeFileSync(outFile, outputText);
      return await runNode(outFile);
    }
    await build({
      entryPoints: [entry],
      outfile: outFile,
      bundle: true,
      platform: "node",
      format: "esm",
      logLevel: "silent",
      // The "mote" module is the app API; on Node it is the host port. Until that port is
      // written there is nothing to alias, and step-1 programs do not import it anyway.
      alias: existsSync(hostPortEntry) ? { mote: hostPortEntry } : {},
    });
    return await runNode(outFile);
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
}

function runNode(script: string): Promise<NodeRun> {
  return new Promise((resolvePromise, reject) => {
    // A device has no time zone (its local time is UTC, sdk/lib/rt/date.ts): Node runs in UTC too.
    const child = spawn(process.execPath, [script], { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, TZ: "UTC" } });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    const timer = setTimeout(() => child.kill("SIGKILL"), NODE_TIMEOUT_MS);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolvePromise({
        stdout: Buffer.concat(stdout).toString("utf8"),
        // A killed process has no exit code; report it as a failure the caller can see.
        exitCode: code ?? (signal ? 128 : 1),
        stderr: Buffer.concat(stderr).toString("utf8") + (signal ? `\n[node-runner] killed by ${signal}` : ""),
      });
    });
  });
}
