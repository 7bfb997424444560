#!/usr/bin/env node
// The `mote` bin entry, plain JavaScript so Node starts it directly.
//  1. A build whose inputs have not changed is answered from its manifest (build-cache.js).
//  2. Another build runs from a startup snapshot of the compiler (build-snapshot.ts), made in
//     the background after the first build of these sources.
//  3. Otherwise the CLI runs from one JavaScript file bundled from the TypeScript sources by
//     esbuild and cached under node_modules/.cache/mote, keyed by the sources' stamps: loading
//     one file is several times faster than transpiling the compiler module by module.
//  4. If esbuild is unavailable, tsx's loader runs the sources directly.
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { REPO_ROOT } from "../paths.js";
import { stamp, toolFiles, tryCachedBuild } from "./build-cache.js";

/** Where bundles and caches are kept. */
const CACHE_DIR = path.join(REPO_ROOT, "node_modules/.cache/mote");

/**
 * `import ts from "typescript"` as CommonJS: typescript is one large CommonJS file, and
 * importing it from ESM makes Node scan all of it for export names first (a quarter of a
 * cold build). It is loaded with V8's code cache (typescript-code-cache.js).
 */
const requireTypescript = {
  name: "require-typescript",
  setup(build) {
    build.onResolve({ filter: /^typescript$/ }, () => ({ path: "typescript", namespace: "require-typescript" }));
    build.onLoad({ filter: /.*/, namespace: "require-typescript" }, () => ({
      contents: `import { loadTypescript } from "./typescript-code-cache.js"; export default loadTypescript(${JSON.stringify(CACHE_DIR)});`,
      resolveDir: path.join(REPO_ROOT, "sdk/cli"),
      loader: "js",
    }));
  },
};

/** How long a bundle of other sources is kept (a concurrent mote may be using it). */
const STALE_BUNDLE_MS = 10 * 60 * 1000;

/** Removes the cached files `name` matches that have not been written for a while, but not
 *  `current`: another mote process may be using one. */
function removeStale(name, current) {
  for (const entry of fs.readdirSync(CACHE_DIR)) {
    const file = path.join(CACHE_DIR, entry);
    const modified = fs.statSync(file, { throwIfNoEntry: false })?.mtimeMs;
    if (name.test(entry) && file !== current && modified !== undefined && Date.now() - modified > STALE_BUNDLE_MS) fs.rmSync(file, { force: true });
  }
}

/** A key for the SDK's sources as they are now (their sizes and modification times). */
function sourcesKey() {
  return createHash("sha1").update(toolFiles().map((f) => `${f}=${stamp(f)}`).join("\n")).digest("hex").slice(0, 16);
}

/** The bundled CLI's path, building it if needed; undefined when esbuild cannot. */
async function bundledCli() {
  const key = sourcesKey();
  const dir = CACHE_DIR;
  const bundle = path.join(dir, `cli-${key}.mjs`);
  if (fs.existsSync(bundle)) return bundle;
  try {
    const { build } = await import("esbuild");
    fs.mkdirSync(dir, { recursive: true });
    // Bundles of older sources go, but only long unused ones: another mote process may have
    // just written (or be loading) the one for these sources, or be building its own.
    removeStale(/^cli-[0-9a-f]{16}\.mjs$/, bundle);
    const temporary = `${bundle}.${process.pid}.tmp.mjs`;
    await build({
      entryPoints: [path.join(REPO_ROOT, "sdk/cli/entry.ts")],
      bundle: true, platform: "node", format: "esm", target: "node20", packages: "external",
      outfile: temporary, logLevel: "silent", plugins: [requireTypescript],
    });
    fs.renameSync(temporary, bundle);
    return bundle;
  } catch (error) {
    if (process.env.MOTE_DEBUG) console.error("mote: cannot bundle the CLI, running from sources:", error);
    return undefined;
  }
}

/**
 * `mote build` from the startup snapshot of these sources with this Node (build-snapshot.ts):
 * TypeScript loaded, the standard library and the SDK parsed and bound, half a cold build.
 * Returns the build's exit status, or undefined when there is no snapshot yet: then one is
 * made in the background for the next build. MOTE_SNAPSHOT=0 turns it off.
 */
function buildFromSnapshot() {
  if (process.env.MOTE_SNAPSHOT === "0") return undefined;
  const node = createHash("sha1").update(`${process.execPath}\n${process.version}\n${process.arch}`).digest("hex").slice(0, 8);
  const blob = path.join(CACHE_DIR, `build-${sourcesKey()}-${node}.blob`);
  if (!fs.existsSync(blob)) {
    try {
      fs.mkdirSync(CACHE_DIR, { recursive: true });
      removeStale(/^build-[0-9a-f]{16}-[0-9a-f]{8}\.blob$/, blob);
      const maker = spawn(process.execPath, [path.join(REPO_ROOT, "sdk/cli/build-snapshot-maker.js"), blob], { detached: true, stdio: "ignore" });
      maker.unref();
      if (process.env.MOTE_DEBUG) console.error(`mote: making the startup snapshot for the next build in the background: ${blob}`);
    } catch (error) {
      // A cache that cannot be written (a read-only install) costs time, nothing else.
      if (process.env.MOTE_DEBUG) console.error("mote: cannot make the startup snapshot:", error);
    }
    return undefined;
  }
  if (process.env.MOTE_DEBUG) console.error(`mote: building from the startup snapshot ${blob}`);
  const run = spawnSync(process.execPath, ["--snapshot-blob", blob, ...process.argv.slice(2)], { stdio: "inherit" });
  if (run.error) return undefined;
  return run.status ?? (run.signal === "SIGINT" ? 130 : 1);
}

if (!(process.argv[2] === "build" && tryCachedBuild(process.argv.slice(3)))) {
  const status = process.argv[2] === "build" ? buildFromSnapshot() : undefined;
  if (status !== undefined) process.exit(status);
  const bundle = await bundledCli();
  if (bundle) {
    globalThis.__MOTE_REPO_ROOT = REPO_ROOT;
    await import(pathToFileURL(bundle).href);
  } else {
    const { register } = await import("tsx/esm/api");
    register();
    await import("./entry.ts");
  }
}
