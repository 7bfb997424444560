// The host port's build (DESIGN.md, "Data flow"): the app, the `mote` library (sdk/lib) and
// ports/host become one JavaScript file that Node runs (sdk/sim/host.ts). The app is first
// type-checked exactly as for a device, against the same `mote` types, so a pin the board
// lacks is the same compile error here; then esbuild bundles it. sdk/lib runs unchanged: its
// drivers (`mote/clock`, `mote/gpio`, `mote/watchdog`) are the host board's, and the modules
// of the device runtime it imports (sdk/lib/rt/…) are replaced by their Node counterparts in
// ports/host/rt, because on Node the runtime is Node itself.

import fs from "node:fs";
import path from "node:path";
import type { Plugin } from "esbuild";
import type { Board, BoardDrivers } from "../../boards/types.ts";
import { appTypeErrors } from "../../sdk/compiler/index.ts";
import {
  BOARD_MODULE, FLASH_MODULE, I2C_BUSES_MODULE, MOTE_MODULES, PINS_MODULE, REPO_ROOT, STORAGE_MODULE, WATCHDOG_MODULE, boardModuleSource, createFrontEnd,
  flashModuleSource, i2cBusesModuleSource, pinsModuleSource, storageModuleSource, watchdogModuleSource,
} from "../../sdk/compiler/frontend/program.ts";

const LIB_DIR = path.join(REPO_ROOT, "sdk/lib");
const LIB_RUNTIME_DIR = path.join(LIB_DIR, "rt");
const HOST_DIR = path.join(REPO_ROOT, "ports/host");
/** What the bundle starts with, before the app: the host's boot. */
const BOOT_FILE = path.join(HOST_DIR, "boot.ts");
const DRIVER_MODULES: Record<string, keyof BoardDrivers> = { "mote/clock": "clock", "mote/gpio": "gpio", "mote/watchdog": "watchdog" };
/** The contracts the drivers are checked against (sdk/lib/<driver>.d.ts), as for any board. */
const DRIVER_CONTRACTS: BoardDrivers = { clock: "../sdk/lib/clock.d.ts", gpio: "../sdk/lib/gpio.d.ts", watchdog: "../sdk/lib/watchdog.d.ts" };
const GENERATED = "mote-generated";
/** sdk/lib modules a host bundle takes as they are (the others are device-only). */
const PORTABLE_MODULES = new Set(["mote", "mote/pin-classes", "mote/watchdog-class", "mote/cbor", "mote/mqtt", "mote/crypto"]);
/** Device runtime modules that are plain arithmetic (no intrinsics, no memory): Node runs them
 *  as they are. */
const PORTABLE_RUNTIME = new Set(["loop-time.ts"]);

export type HostBundle = { ok: true; script: string } | { ok: false; diagnostics: string };

/** Checks and bundles `entry` for `board` (the host board) into `outFile`. */
export async function bundleForHost(entry: string, board: Board, outFile: string): Promise<HostBundle> {
  const app = path.resolve(entry);
  if (!fs.existsSync(app)) return { ok: false, diagnostics: `error: cannot find '${entry}'` };
  const drivers: BoardDrivers = { clock: DRIVER_CONTRACTS.clock };
  if (board.drivers.gpio) drivers.gpio = DRIVER_CONTRACTS.gpio;
  if (board.drivers.watchdog) drivers.watchdog = DRIVER_CONTRACTS.watchdog;
  const checked = createFrontEnd(app, { ...board, drivers }, [], { forSimulator: true });
  const errors = appTypeErrors(checked.program);
  if (errors) return { ok: false, diagnostics: errors };

  const { build } = await import("esbuild");
  const result = await build({
    stdin: {
      contents: `import ${JSON.stringify(BOOT_FILE)};\nimport ${JSON.stringify(app)};\n`,
      resolveDir: path.dirname(app),
      sourcefile: "host-entry.js",
    },
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    sourcemap: "inline",
    outfile: outFile,
    logLevel: "silent",
    plugins: [moteModules(board)],
  }).catch((error: { errors?: Array<{ text: string; location?: { file: string; line: number; column: number } | null }> }) => error);
  if ("errors" in result && result.errors && result.errors.length > 0) {
    return {
      ok: false,
      diagnostics: result.errors.map((e) => `${e.location ? `${e.location.file}:${e.location.line}:${e.location.column + 1} - ` : ""}error: ${e.text}`).join("\n"),
    };
  }
  return { ok: true, script: outFile };
}

/** Where `mote`, `mote/…` and sdk/lib's runtime imports go in a host bundle. */
function moteModules(board: Board): Plugin {
  return {
    name: "mote-host",
    setup(build) {
      build.onResolve({ filter: /^mote(\/.*)?$/ }, ({ path: name }) => {
        if (name === BOARD_MODULE || name === PINS_MODULE || name === WATCHDOG_MODULE || name === I2C_BUSES_MODULE || name === FLASH_MODULE || name === STORAGE_MODULE) return { path: name, namespace: GENERATED };
        const driver = DRIVER_MODULES[name];
        if (driver) {
          const file = board.drivers[driver];
          return file ? { path: path.join(REPO_ROOT, "boards", file) } : { errors: [{ text: `board '${board.id}' has no ${name}` }] };
        }
        if (name === "mote/intrinsics") return { path: path.join(HOST_DIR, "intrinsics.ts") };
        if (name === "mote/console") return { path: path.join(HOST_DIR, "console.ts") };
        if (PORTABLE_MODULES.has(name)) return { path: MOTE_MODULES[name] };
        return { errors: [{ text: `'${name}' is not available on the host port (ports/host)` }] };
      });
      // sdk/lib's own imports of the device runtime: Node's counterpart in ports/host/rt.
      build.onResolve({ filter: /^\.\.?\// }, ({ path: name, resolveDir }) => {
        const target = path.resolve(resolveDir, name);
        if (path.dirname(target) !== LIB_RUNTIME_DIR || PORTABLE_RUNTIME.has(path.basename(target))) return undefined;
        const replacement = path.join(HOST_DIR, "rt", path.basename(target));
        if (fs.existsSync(replacement)) return { path: replacement };
        return { errors: [{ text: `the host port has no counterpart of ${path.relative(REPO_ROOT, target)} (add ports/host/rt/${path.basename(target)})` }] };
      });
      build.onLoad({ filter: /.*/, namespace: GENERATED }, ({ path: name }) => ({
        contents: name === BOARD_MODULE ? boardModuleSource(board, { forSimulator: true }) : name === PINS_MODULE ? pinsModuleSource(board)
          : name === I2C_BUSES_MODULE ? i2cBusesModuleSource(board) : name === FLASH_MODULE ? flashModuleSource(board)
          : name === STORAGE_MODULE ? storageModuleSource(board) : watchdogModuleSource(board),
        loader: "ts",
        resolveDir: LIB_DIR,
      }));
    },
  };
}
