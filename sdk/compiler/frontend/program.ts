// Front end: the app, its imports, the mote library and the runtime become one TypeScript
// program, type-checked together. The compiler host serves the `mote` modules and a
// generated `mote/board` module; everything else is read from disk.

import ts from "typescript";
import path from "node:path";
import fs from "node:fs";
import { createRequire } from "node:module";
import type { Board } from "../../../boards/types.ts";
// The SysTick clock's longest period: its handler (the port) and its driver must agree.
import { systickCountsPerMs, systickMaxPeriodMs } from "../../../boards/chips/cortex-m/systick-period.ts";
import { flashLayoutConstants } from "../../../boards/flash-layout.ts";

export { REPO_ROOT } from "../../paths.js";
import { REPO_ROOT } from "../../paths.js";
const LIB_DIR = path.join(REPO_ROOT, "sdk/lib");
/** TypeScript's standard library (lib.es2023.d.ts …): typescript/lib as mote resolves it. */
const TS_LIB_DIR = path.dirname(createRequire(path.join(REPO_ROOT, "package.json")).resolve("typescript"));

/** Module names a device program may import, and the files that implement them. */
export const MOTE_MODULES: Record<string, string> = {
  "mote": path.join(LIB_DIR, "index.ts"),
  "mote/intrinsics": path.join(LIB_DIR, "intrinsics.ts"),
  "mote/interrupts": path.join(LIB_DIR, "rt/interrupts.ts"),
  "mote/cbor": path.join(LIB_DIR, "cbor.ts"),
  "mote/crypto": path.join(LIB_DIR, "crypto.ts"),
  "mote/mqtt": path.join(LIB_DIR, "mqtt.ts"),
  // What the generated modules import (they are also written into projects, mote init).
  "mote/pin-classes": path.join(LIB_DIR, "pins.ts"),
  "mote/watchdog-class": path.join(LIB_DIR, "watchdog.ts"),
  "mote/flash-class": path.join(LIB_DIR, "flash.ts"),
  "mote/storage-class": path.join(LIB_DIR, "storage.ts"),
  "mote/i2c-status": path.join(LIB_DIR, "i2c-status.ts"),
  "mote/i2c-bus-class": path.join(LIB_DIR, "i2c-bus.ts"),
  // The serial link to the host (frames beside the console) and the MQTT stream over it.
  "mote/link": path.join(LIB_DIR, "link.ts"),
  "mote/link-transport": path.join(LIB_DIR, "link/transport.ts"),
  "mote/telemetry": path.join(LIB_DIR, "telemetry.ts"),
  // The SMP (mcumgr) server on the console UART: `import "mote/smp"` starts it.
  "mote/smp": path.join(LIB_DIR, "smp.ts"),
};
/** Sensor and actuator drivers: `mote/drivers/<name>` is sdk/lib/drivers/<name>.ts. */
const DRIVERS_PREFIX = "mote/drivers/";
const DRIVERS_DIR = path.join(LIB_DIR, "drivers");
export const BOARD_MODULE = "mote/board";
/** The board's console driver: boards/chips/<family>/uart.ts. */
export const CONSOLE_MODULE = "mote/console";
const BOARD_MODULE_FILE = path.join(LIB_DIR, "__board__.ts");
/** The generated `mote/pins` module: the board's pins as typed objects (sdk/lib/pins.ts). */
export const PINS_MODULE = "mote/pins";
const PINS_MODULE_FILE = path.join(LIB_DIR, "__pins__.ts");
/** The generated `mote/board-watchdog` module (watchdogModuleSource). */
export const WATCHDOG_MODULE = "mote/board-watchdog";
const WATCHDOG_MODULE_FILE = path.join(LIB_DIR, "__watchdog__.ts");
/** The generated `mote/board-flash` module (flashModuleSource). */
export const FLASH_MODULE = "mote/board-flash";
const FLASH_MODULE_FILE = path.join(LIB_DIR, "__flash__.ts");
/** The generated `mote/board-storage` module (storageModuleSource). */
export const STORAGE_MODULE = "mote/board-storage";
const STORAGE_MODULE_FILE = path.join(LIB_DIR, "__storage__.ts");
/** The generated `mote/i2c-buses` module: the board's I2C buses (sdk/lib/i2c-bus.ts). */
export const I2C_BUSES_MODULE = "mote/i2c-buses";
const I2C_BUSES_MODULE_FILE = path.join(LIB_DIR, "__i2c_buses__.ts");
/** Driver modules a board supplies (Board.drivers). */
const DRIVER_MODULES = { "mote/clock": "clock", "mote/gpio": "gpio", "mote/watchdog": "watchdog", "mote/i2c": "i2c", "mote/flash": "flash" } as const;
/** What a driver module is on a board without that peripheral: nothing can reach it (the
 *  generated types give the app no pin, no bus, no watchdog), but the bus API imports it. */
const ABSENT_DRIVER_FILES: Record<string, string> = {
  "mote/i2c": path.join(LIB_DIR, "i2c-absent.ts"),
  "mote/flash": path.join(LIB_DIR, "flash-absent.ts"),
};
const NO_GPIO_FILE = path.join(LIB_DIR, "gpio-absent.ts");

export const COMPILER_OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  strict: true,
  noEmit: true,
  skipLibCheck: true,
  allowImportingTsExtensions: true,
  lib: ["lib.es2023.d.ts"],
  types: [],
  noUnusedLocals: false,
};

/** What a build says about the device it is for, besides the board. */
export interface DeviceIdentity {
  /** The device's id (`device.id`; its MQTT topics): set at build time on chips without a
   *  unique id of their own. Default: the board's id. */
  deviceId?: string;
  /** The app's version (`device.version`, its status). Default: "0.0.0". */
  version?: string;
}

/** How the generated modules are made for one build. */
export interface GeneratedOptions {
  forSimulator: boolean;
  /** A crash resets the device (default: for hardware builds). */
  crashResets?: boolean;
  identity?: DeviceIdentity;
}

/** The generated `mote/board` module: the board's facts as constants and pin names as types. */
export function boardModuleSource(board: Board, options: GeneratedOptions): string {
  const { forSimulator, crashResets = !forSimulator, identity = {} } = options;
  const pins = Object.entries(board.pins).map(([name, pin]) => `export const PIN_${name} = ${pin};`).join("\n");
  return [
    `// Generated for board '${board.id}'.`,
    `export const BOARD_ID = ${JSON.stringify(board.id)};`,
    `export const CLOCK_HZ = ${board.chip.clockHz};`,
    `export const CONSOLE_BASE = ${board.console.base};`,
    `export const CONSOLE_IRQ = ${board.console.irq};`,
    `export const CYCLES_PER_MS = ${systickCountsPerMs(board)};`,
    `export const SYSTICK_CLKSOURCE = ${board.chip.systickReferenceHz === undefined ? 4 : 0};`,
    `export const SYSTICK_MAX_PERIOD_MS = ${systickMaxPeriodMs(board)};`,
    `export const SIMULATOR_EXIT_SEMIHOSTING = ${forSimulator && board.simulatorExit === "semihosting"};`,
    `export const SIMULATOR_EXIT_BKPT = ${forSimulator && board.simulatorExit === "bkpt"};`,
    `export const CRASH_RESETS = ${crashResets};`,
    `export const DEVICE_ID = ${JSON.stringify(identity.deviceId ?? board.id)};`,
    `export const APP_VERSION = ${JSON.stringify(identity.version ?? "0.0.0")};`,
    ...flashLayoutConstants(board),
    pins,
    `export type PinName = ${Object.keys(board.pins).map((n) => JSON.stringify(n)).join(" | ") || "never"};`,
    "",
  ].join("\n");
}

/** "mps2-an385" → "Mps2An385": the board in the names of its generated types. */
function boardTypePrefix(board: Board): string {
  return board.id.split(/[^A-Za-z0-9]/).map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join("");
}

/** A generated module's one export on a board that lacks what it names: a value whose type
 *  says why, so that using it is a type error naming the board ("Property 'get' does not
 *  exist on type 'MicrobitHasNoStorage'"), its `absent` the reason. */
function absentExportSource(board: Board, exportName: string, lacks: string, why: string): string {
  const typeName = `${boardTypePrefix(board)}HasNo${lacks}`;
  return [
    `// Generated for board '${board.id}'.`,
    `/** ${why} */`,
    `export interface ${typeName} { readonly absent: ${JSON.stringify(why)} }`,
    `export const ${exportName}: ${typeName} = { absent: ${JSON.stringify(why)} };`,
    "",
  ].join("\n");
}

/** The generated `mote/pins` module: `pins.NAME` for each of the board's pins, typed by what
 *  the pin can do, in a class named after the board so that a pin the board lacks is a type
 *  error naming it ("Property 'BUTTON' does not exist on type 'Mps2An385Pins'"). */
export function pinsModuleSource(board: Board): string {
  const typeName = `${boardTypePrefix(board)}Pins`;
  const kindType = { io: "IoPin", output: "OutputOnlyPin", input: "InputOnlyPin" } as const;
  const entries = Object.entries(board.pins);
  const kinds = entries.map(([name]) => board.pinKinds?.[name] ?? "io");
  return [
    `// Generated for board '${board.id}'.`,
    `import { IoPin, OutputOnlyPin, InputOnlyPin } from "mote/pin-classes";`,
    ...(board.pinSetup?.length ? [`import { gpioSetMode, gpioWrite } from "mote/gpio";`] : []),
    `/** The pins of ${board.name}. */`,
    `export class ${typeName} {`,
    ...entries.map(([name, pin], i) => `  readonly ${name} = new ${kindType[kinds[i]]}(${pin}, ${JSON.stringify(name)});`),
    `}`,
    `export const pins = new ${typeName}();`,
    `/** Drives the board's fixed levels (board.pinSetup) when the first pin is used: straight-line`,
    ` *  calls, not a table, so that a board without any links no array. */`,
    `export function setUpPins(): void {`,
    ...(board.pinSetup ?? []).map(([pin, level]) => `  gpioSetMode(${pin}, 1);\n  gpioWrite(${pin}, ${level === 1});`),
    `}`,
    "",
  ].join("\n");
}

/** The generated `mote/board-watchdog` module: the Watchdog, or on a board without one a
 *  value whose type says so, so that `watchdog.start(…)` is a type error naming the board.
 *  A module of its own, so that only apps that use the watchdog construct it. */
export function watchdogModuleSource(board: Board): string {
  if (board.drivers.watchdog) {
    return [
      `// Generated for board '${board.id}'.`,
      `import { Watchdog } from "mote/watchdog-class";`,
      `export const watchdog = new Watchdog(${board.watchdogMaxMs ?? 0});`,
      "",
    ].join("\n");
  }
  return absentExportSource(board, "watchdog", "Watchdog", board.absent?.watchdog ?? `board '${board.id}' has no watchdog mote can use`);
}

/** The generated `mote/board-flash` module: the board's Flash, or on a board without a flash
 *  driver a value whose type says so, so that `flash.erase(…)` is a type error naming the
 *  board. */
export function flashModuleSource(board: Board): string {
  if (board.drivers.flash) {
    return [
      `// Generated for board '${board.id}'.`,
      `import { Flash } from "mote/flash-class";`,
      `export const flash = new Flash(${board.chip.flash.origin}, ${board.chip.flash.length});`,
      "",
    ].join("\n");
  }
  return absentExportSource(board, "flash", "Flash", board.absent?.flash ?? `board '${board.id}' has no flash driver mote can use`);
}

/** The generated `mote/board-storage` module: the key/value storage in the flash layout's
 *  settings area, or on a board without a flash driver or a layout a value whose type says
 *  so, so that `storage.get(…)` is a type error naming the board. */
export function storageModuleSource(board: Board): string {
  const settings = board.flashLayout?.settings;
  if (board.drivers.flash && settings) {
    return [
      `// Generated for board '${board.id}'.`,
      `import { Storage } from "mote/storage-class";`,
      `import { flash } from "mote/board-flash";`,
      `export const storage = new Storage(flash, ${settings.offset}, ${settings.size});`,
      "",
    ].join("\n");
  }
  return absentExportSource(board, "storage", "Storage", board.drivers.flash
    ? `board '${board.id}' has no flash layout with a settings area to keep storage in`
    : board.absent?.flash ?? `board '${board.id}' has no flash driver mote can use, so no storage`);
}

/** The generated `mote/i2c-buses` module: `i2c.NAME` for each of the board's I2C buses, in an
 *  interface named after the board, so that a bus the board lacks is a type error naming it;
 *  on a board without I2C the type says why ("Property 'I2C0' does not exist on type
 *  'MicrobitHasNoI2c'", whose `absent` is the board's reason). */
export function i2cBusesModuleSource(board: Board): string {
  const entries = Object.entries(board.i2c ?? {});
  if (entries.length === 0) {
    return absentExportSource(board, "i2c", "I2c", board.absent?.i2c ?? `board '${board.id}' has no I2C bus mote can use`);
  }
  const typeName = `${boardTypePrefix(board)}I2c`;
  return [
    `// Generated for board '${board.id}'.`,
    `import { I2cBus } from "mote/i2c-bus-class";`,
    `/** The I2C buses of ${board.name}. */`,
    `export interface ${typeName} {`,
    ...entries.map(([name]) => `  readonly ${name}: I2cBus;`),
    `}`,
    `export const i2c: ${typeName} = {`,
    ...entries.map(([name, bus]) => `  ${name}: new I2cBus(${bus}, ${JSON.stringify(name)}),`),
    `};`,
    "",
  ].join("\n");
}

/** The file a board-supplied module name resolves to, if it is one. */
function boardModuleFile(name: string, board: Board): string | undefined {
  if (name === BOARD_MODULE) return BOARD_MODULE_FILE;
  if (name === PINS_MODULE) return PINS_MODULE_FILE;
  if (name === WATCHDOG_MODULE) return WATCHDOG_MODULE_FILE;
  if (name === I2C_BUSES_MODULE) return I2C_BUSES_MODULE_FILE;
  if (name === FLASH_MODULE) return FLASH_MODULE_FILE;
  if (name === STORAGE_MODULE) return STORAGE_MODULE_FILE;
  if (name === CONSOLE_MODULE) return consoleDriverFile(board);
  if (name in DRIVER_MODULES) {
    const file = board.drivers[DRIVER_MODULES[name as keyof typeof DRIVER_MODULES]];
    // Absent drivers are never reached: the generated types give the app no way to them.
    return file ? path.join(REPO_ROOT, "boards", file) : ABSENT_DRIVER_FILES[name] ?? NO_GPIO_FILE;
  }
  if (name.startsWith(DRIVERS_PREFIX) && /^[a-z0-9-]+$/.test(name.slice(DRIVERS_PREFIX.length))) {
    const file = path.join(DRIVERS_DIR, `${name.slice(DRIVERS_PREFIX.length)}.ts`);
    if (fs.existsSync(file)) return file;
  }
  return MOTE_MODULES[name];
}

/**
 * Every `mote…` module name an app's program can reach, and the file it is for a board: what
 * the compiler host resolves, and what `mote init` writes into a project's tsconfig `paths`
 * so that an editor sees the same types. `generated` names the files of the generated
 * modules (written out by `generatedModules`).
 */
export function moduleFiles(board: Board, generated: (module: string) => string): Record<string, string> {
  const files: Record<string, string> = { ...MOTE_MODULES, [CONSOLE_MODULE]: consoleDriverFile(board) };
  for (const [name, kind] of Object.entries(DRIVER_MODULES)) {
    const file = board.drivers[kind];
    files[name] = file ? path.join(REPO_ROOT, "boards", file) : ABSENT_DRIVER_FILES[name] ?? NO_GPIO_FILE;
  }
  files[`${DRIVERS_PREFIX}*`] = path.join(DRIVERS_DIR, "*.ts");
  for (const module of [BOARD_MODULE, PINS_MODULE, WATCHDOG_MODULE, I2C_BUSES_MODULE, FLASH_MODULE, STORAGE_MODULE]) files[module] = generated(module);
  return files;
}

/** The generated modules' sources, by module name (forSimulator false: a hardware build). */
export function generatedModules(board: Board): Record<string, string> {
  return {
    [BOARD_MODULE]: boardModuleSource(board, { forSimulator: false }),
    [PINS_MODULE]: pinsModuleSource(board),
    [WATCHDOG_MODULE]: watchdogModuleSource(board),
    [I2C_BUSES_MODULE]: i2cBusesModuleSource(board),
    [FLASH_MODULE]: flashModuleSource(board),
    [STORAGE_MODULE]: storageModuleSource(board),
  };
}

/** The board's driver files (Board.drivers), for the program's roots. */
export function boardDriverFiles(board: Board): string[] {
  return [consoleDriverFile(board), ...Object.values(board.drivers).map((f) => path.join(REPO_ROOT, "boards", f))];
}

export interface FrontEnd {
  program: ts.Program;
  checker: ts.TypeChecker;
  /** Root files: the app entry first, then the runtime modules every image links. */
  entry: string;
  runtimeFiles: string[];
}

/** Warm state: the previous program is reused so a rebuild re-checks only what changed. */
let previous: { key: string; program: ts.Program } | undefined;
const sourceCache = new Map<string, { mtimeMs: number; text: string; sf?: ts.SourceFile }>();

export function createFrontEnd(entry: string, board: Board, runtimeFiles: string[], options: GeneratedOptions): FrontEnd {
  const boardSource = boardModuleSource(board, options);
  const pinsSource = pinsModuleSource(board);
  const watchdogSource = watchdogModuleSource(board);
  const i2cBusesSource = i2cBusesModuleSource(board);
  const flashSource = flashModuleSource(board);
  const storageSource = storageModuleSource(board);
  const generated = new Map([
    [BOARD_MODULE_FILE, boardSource], [PINS_MODULE_FILE, pinsSource], [WATCHDOG_MODULE_FILE, watchdogSource], [I2C_BUSES_MODULE_FILE, i2cBusesSource],
    [FLASH_MODULE_FILE, flashSource], [STORAGE_MODULE_FILE, storageSource],
  ]);
  const host = ts.createCompilerHost(COMPILER_OPTIONS, true);
  // The standard library beside the typescript package mote depends on, wherever the compiler
  // itself runs from (a bundle, a startup snapshot: sdk/cli/build-snapshot.ts).
  host.getDefaultLibLocation = () => TS_LIB_DIR;
  host.getDefaultLibFileName = (options) => path.join(TS_LIB_DIR, ts.getDefaultLibFileName(options));
  // Doc comments carry no types in .ts files: not parsing them halves the parse time of the
  // standard library and the runtime, most of a cold build.
  host.jsDocParsingMode = ts.JSDocParsingMode.ParseNone;
  const defaultGetSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersionOrOptions, onError, shouldCreate) => {
    const languageVersion: ts.CreateSourceFileOptions = typeof languageVersionOrOptions === "object"
      ? { ...languageVersionOrOptions, jsDocParsingMode: ts.JSDocParsingMode.ParseNone }
      : { languageVersion: languageVersionOrOptions, jsDocParsingMode: ts.JSDocParsingMode.ParseNone };
    const generatedSource = generated.get(path.resolve(fileName));
    if (generatedSource !== undefined) return ts.createSourceFile(fileName, generatedSource, languageVersion, true);
    const resolved = path.resolve(fileName);
    let stat: fs.Stats | undefined;
    try { stat = fs.statSync(resolved); } catch { return defaultGetSourceFile(fileName, languageVersion, onError, shouldCreate); }
    const cached = sourceCache.get(resolved);
    if (cached && cached.mtimeMs === stat.mtimeMs && cached.sf) return cached.sf;
    const text = fs.readFileSync(resolved, "utf8");
    const sf = ts.createSourceFile(fileName, text, languageVersion, true);
    sourceCache.set(resolved, { mtimeMs: stat.mtimeMs, text, sf });
    return sf;
  };
  const defaultFileExists = host.fileExists.bind(host);
  host.fileExists = (f) => generated.has(path.resolve(f)) || defaultFileExists(f);
  host.resolveModuleNameLiterals = (literals, containingFile, _redirect, options) =>
    literals.map((literal) => {
      const name = literal.text;
      const moteFile = boardModuleFile(name, board);
      if (moteFile) {
        return { resolvedModule: { resolvedFileName: moteFile, extension: ts.Extension.Ts, isExternalLibraryImport: false } };
      }
      return ts.resolveModuleName(name, containingFile, options, host);
    });

  const roots = [path.resolve(entry), path.join(LIB_DIR, "globals.d.ts"), ...runtimeFiles];
  const key = JSON.stringify({ roots, boardSource, pinsSource, watchdogSource, i2cBusesSource, flashSource, storageSource });
  const program = ts.createProgram({
    rootNames: roots,
    options: COMPILER_OPTIONS,
    host,
    oldProgram: previous?.key === key ? previous.program : undefined,
  });
  previous = { key, program };
  return { program, checker: program.getTypeChecker(), entry: path.resolve(entry), runtimeFiles };
}

/** Syntax and type errors, formatted as tsc prints them. */
export function typeDiagnostics(fe: FrontEnd): ts.Diagnostic[] {
  const p = fe.program;
  return [...p.getConfigFileParsingDiagnostics(), ...p.getOptionsDiagnostics(), ...p.getSyntacticDiagnostics(),
    ...p.getGlobalDiagnostics(), ...p.getSemanticDiagnostics()];
}

export function formatDiagnostics(diagnostics: readonly ts.Diagnostic[], color = false): string {
  const host: ts.FormatDiagnosticsHost = {
    getCanonicalFileName: (f) => f,
    getCurrentDirectory: () => process.cwd(),
    getNewLine: () => "\n",
  };
  return color ? ts.formatDiagnosticsWithColorAndContext(diagnostics, host) : ts.formatDiagnostics(diagnostics, host);
}

export function consoleDriverFile(board: Board): string {
  return path.join(REPO_ROOT, "boards/chips", board.chip.family, "uart.ts");
}

export function isBoardModuleFile(fileName: string): boolean {
  return path.resolve(fileName) === BOARD_MODULE_FILE;
}

export function isI2cBusesModuleFile(fileName: string): boolean {
  return path.resolve(fileName) === I2C_BUSES_MODULE_FILE;
}
