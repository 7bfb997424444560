// The warm path of `mote build`: when nothing that went into the last build of an app has
// changed since (its sources, the runtime, the board, the compiler itself), the files in the
// output folder are already the answer. Plain JavaScript, so mote.js can answer before it
// loads TypeScript support and the compiler.

import fs from "node:fs";
import path from "node:path";

import { REPO_ROOT } from "../paths.js";
/** Everything the compiler and the CLI are made of (flash-tool: the CLI's image and flashing
 *  commands, bundled with it): a change here invalidates every cached build and the bundle. */
export const TOOL_DIRS = ["sdk/compiler", "sdk/lib", "sdk/cli", "sdk/sim", "ports", "boards", "flash-tool"];
const MANIFEST_VERSION = 1;

/** @param {string} outDir @param {string} entry */
export function manifestPath(outDir, entry) {
  return path.join(outDir, `.${path.basename(entry).replace(/\.ts$/, "")}.mote-build.json`);
}

/** @param {string} file */
function stamp(file) {
  try {
    const s = fs.statSync(file);
    return `${s.size}:${s.mtimeMs}`;
  } catch {
    return "missing";
  }
}

/** Every source file of the SDK, for cache keys. */
export function toolFiles() {
  return TOOL_DIRS.flatMap((d) => walk(path.join(REPO_ROOT, d), []));
}

export { stamp };

/** @param {string} dir @param {string[]} out */
function walk(dir, out) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else if (/\.(ts|js|c)$/.test(entry.name)) out.push(full);
  }
  return out;
}

/**
 * Records what a successful build read and wrote.
 * @param {{ outDir: string, entry: string, key: string, sources: string[], outputs: string[], report: string }} build
 */
export function writeManifest(build) {
  const tools = toolFiles();
  const inputs = [...new Set([...build.sources, ...tools])].map((f) => [f, stamp(f)]);
  const outputs = build.outputs.map((f) => [f, stamp(f)]);
  const manifest = { version: MANIFEST_VERSION, key: build.key, inputs, outputs, report: build.report };
  fs.writeFileSync(manifestPath(build.outDir, build.entry), JSON.stringify(manifest));
}

/**
 * The size report of the last build when it is still current, or undefined.
 * @param {string} outDir @param {string} entry @param {string} key
 */
export function cachedReport(outDir, entry, key) {
  let manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(manifestPath(outDir, entry), "utf8"));
  } catch {
    return undefined;
  }
  if (manifest.version !== MANIFEST_VERSION || manifest.key !== key) return undefined;
  for (const [file, seen] of [...manifest.inputs, ...manifest.outputs]) {
    if (stamp(file) !== seen) return undefined;
  }
  return manifest.report;
}

/**
 * The identity of a build request: the app, the board, the flavour, what the image says
 * about its device (--device-id, --version) and its stack (--stack); absent for a plain build.
 * @param {string} entry @param {string} boardId @param {boolean} hardware
 * @param {{ deviceId?: string, version?: string }} [identity] @param {number} [stackSize] @param {boolean} [imageSlot]
 */
export function buildKey(entry, boardId, hardware, identity = {}, stackSize, imageSlot = false) {
  // A build linked into the image slot (mote build --sign) is another image than the plain one.
  const key = [path.resolve(entry), boardId, hardware, identity.deviceId ?? null, identity.version ?? null, stackSize ?? null];
  return JSON.stringify(imageSlot ? [...key, "image-slot"] : key);
}

/**
 * `mote build <app> [--board id] [--out dir] [--hardware]` answered from the cache, or false
 * when the full command must run (anything unusual goes the full way).
 * @param {string[]} args
 */
export function tryCachedBuild(args) {
  let board;
  let out;
  let hardware = false;
  const positionals = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--board" || a === "-b") board = args[++i];
    else if (a === "--out" || a === "-o") out = args[++i];
    else if (a === "--hardware") hardware = true;
    else if (a.startsWith("-")) return false;
    else positionals.push(a);
  }
  if (positionals.length !== 1) return false;
  const entry = positionals[0];
  board ??= projectBoard(entry)?.id ?? "pico";
  if (!board) return false;
  const outDir = out ?? path.join(path.dirname(entry), "build", board);
  const report = cachedReport(outDir, entry, buildKey(entry, board, hardware));
  if (report === undefined) return false;
  process.stderr.write(`mote: ${entry} for ${board} is up to date (nothing it depends on changed)\n\n${report.replace(/\n?$/, "\n")}`);
  return true;
}

/**
 * The board a project names ("mote": { "board": "<id>" } in the package.json nearest to the
 * app, as `mote init` writes it): the default when --board is not given.
 * @param {string} entry
 * @returns {{ id: string, projectDir: string } | undefined}
 */
export function projectBoard(entry) {
  for (let dir = path.dirname(path.resolve(entry)); ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, "package.json");
    if (fs.existsSync(manifest)) {
      try {
        const board = JSON.parse(fs.readFileSync(manifest, "utf8")).mote?.board;
        return typeof board === "string" ? { id: board, projectDir: dir } : undefined;
      } catch {
        return undefined;
      }
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}
