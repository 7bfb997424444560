// Makes the startup snapshot that `mote build` starts from (build-snapshot.ts): a CommonJS
// bundle of the compiler with TypeScript inside it (a snapshot can load only Node's own
// modules), run by `node --build-snapshot`, which warms the compiler up and saves the heap.
// mote.js starts this in the background after a build that had no snapshot, so no build waits
// for it. Run as: node build-snapshot-maker.js <blob>

import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { REPO_ROOT } from "../paths.js";

/** A snapshot being made by a process that died is abandoned after this long. */
const STALE_LOCK_MS = 2 * 60 * 1000;

/** Everything but TypeScript and Node's modules stays outside the bundle: `mote build` needs
 *  no other package, and the others load only in commands that never run from the snapshot. */
const onlyTypescriptInside = {
  name: "only-typescript-inside",
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path === "typescript" || args.path.startsWith("node:") || args.kind === "entry-point") return undefined;
      return { path: args.path, external: true };
    });
  },
};

/** @param {string} blob */
export async function makeBuildSnapshot(blob) {
  const lock = `${blob}.lock`;
  try {
    const since = Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? 0);
    if (since > STALE_LOCK_MS) fs.rmSync(lock, { force: true });
    fs.writeFileSync(lock, String(process.pid), { flag: "wx" });
  } catch {
    return; // another process is making it
  }
  const bundle = `${blob}.${process.pid}.cjs`;
  const temporary = `${blob}.${process.pid}.tmp`;
  try {
    const { build } = await import("esbuild");
    await build({
      entryPoints: [path.join(REPO_ROOT, "sdk/cli/build-snapshot.ts")],
      bundle: true, platform: "node", format: "cjs", target: "node20", outfile: bundle, logLevel: "silent",
      plugins: [onlyTypescriptInside],
      // paths.js finds the checkout from import.meta.url, which CommonJS has not.
      banner: { js: `globalThis.__MOTE_REPO_ROOT = ${JSON.stringify(REPO_ROOT)};` },
    });
    const made = spawnSync(process.execPath, ["--snapshot-blob", temporary, "--build-snapshot", bundle], { stdio: "ignore" });
    if (made.status === 0) fs.renameSync(temporary, blob);
  } finally {
    for (const file of [bundle, temporary, lock]) fs.rmSync(file, { force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  await makeBuildSnapshot(process.argv[2]);
}
