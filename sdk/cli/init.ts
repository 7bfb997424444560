// `mote init <dir> [--board <id>]`: a project of one's own that uses mote as a dependency.
//
//   package.json   mote as a dependency; "mote": { "board": "<id>" } is the one setting that
//                  picks the board (mote build/run read it when --board is not given)
//   tsconfig.json  the compiler options and module paths `mote build` checks with, so that an
//                  editor's TypeScript shows the same types and errors (pins.LED autocompletes)
//   .mote/         the modules mote generates for the board (its pins, constants, watchdog),
//                  written again by `mote build` whenever the board setting changes
//   app.ts         a blinky to start from

import fs from "node:fs";
import path from "node:path";
import type { Board } from "../../boards/types.ts";
import { generatedModules, moduleFiles, REPO_ROOT } from "../compiler/frontend/program.ts";

/** Where a project's generated modules live, and how it names the mote package. */
const GENERATED_DIR = ".mote";
const PACKAGE_DIR = "node_modules/mote";

const BLINKY = `// Blinks the board's LED: on for half a second, off for half a second.
import { pins } from "mote";

setInterval(() => {
  pins.LED.toggle();
}, 500);
`;

export interface InitOptions {
  dir: string;
  board: Board;
  /** The dependency on mote as npm writes it (default: this mote's version). */
  moteSpec?: string;
}

/** Writes the project; refuses to overwrite files that are there. Returns the files written. */
export function initProject(options: InitOptions): string[] {
  const dir = path.resolve(options.dir);
  fs.mkdirSync(dir, { recursive: true });
  const own = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { version: string; allowScripts: Record<string, boolean> };
  const files: Record<string, string> = {
    "package.json": `${JSON.stringify({
      name: path.basename(dir).toLowerCase().replace(/[^a-z0-9-]/g, "-") || "mote-app",
      version: "0.1.0",
      private: true,
      type: "module",
      scripts: { build: "mote build app.ts", start: "mote run app.ts" },
      dependencies: { mote: options.moteSpec ?? `^${own.version}` },
      mote: { board: options.board.id },
      // The install scripts mote's own dependencies need, approved as mote approves them:
      // esbuild (the host port's bundler) installs its platform binary, the serial port
      // bindings and cbor-x's extension pick their prebuilt binaries.
      allowScripts: own.allowScripts,
    }, null, 2)}\n`,
    "tsconfig.json": `${JSON.stringify(projectTsconfig(options.board), null, 2)}\n`,
    "app.ts": BLINKY,
    ".gitignore": "node_modules/\nbuild/\n",
  };
  const existing = Object.keys(files).filter((f) => fs.existsSync(path.join(dir, f)));
  if (existing.length > 0) {
    throw new Error(`${dir} already has ${existing.join(", ")}; mote init writes a new project and overwrites nothing`);
  }
  for (const [file, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, file), text);
  writeGeneratedModules(dir, options.board);
  return [...Object.keys(files), `${GENERATED_DIR}/`];
}

/** The project's tsconfig: the device compiler's options, and every mote module's file. */
function projectTsconfig(board: Board): object {
  const paths: Record<string, string[]> = {};
  for (const [module, file] of Object.entries(moduleFiles(board, generatedFile))) paths[module] = [projectPath(file)];
  // The device compiler's options (COMPILER_OPTIONS in sdk/compiler/frontend/program.ts), as
  // a tsconfig spells them.
  return {
    compilerOptions: {
      target: "ES2022", module: "ESNext", moduleResolution: "Bundler",
      strict: true, noEmit: true, skipLibCheck: true, allowImportingTsExtensions: true,
      lib: ["ES2023"], types: [], paths,
    },
    files: [`${PACKAGE_DIR}/sdk/lib/globals.d.ts`],
    include: ["*.ts", `${GENERATED_DIR}/*.ts`],
  };
}

/** A generated module's file in a project. */
function generatedFile(module: string): string {
  return path.join(GENERATED_DIR, `${module.replace(/^mote\//, "")}.ts`);
}

/** A file of mote's, as the project reaches it: through node_modules/mote. */
function projectPath(file: string): string {
  if (!path.isAbsolute(file)) return `./${file.split(path.sep).join("/")}`;
  return `./${PACKAGE_DIR}/${path.relative(REPO_ROOT, file).split(path.sep).join("/")}`;
}

/** (Re)writes .mote/ for the board: after init, and when the project's board changes. */
export function writeGeneratedModules(projectDir: string, board: Board): void {
  const dir = path.join(projectDir, GENERATED_DIR);
  fs.mkdirSync(dir, { recursive: true });
  for (const [module, source] of Object.entries(generatedModules(board))) {
    const file = path.join(projectDir, generatedFile(module));
    if (!fs.existsSync(file) || fs.readFileSync(file, "utf8") !== source) fs.writeFileSync(file, source);
  }
  // The tsconfig's paths name the board's driver files: they change with the board too.
  const tsconfig = path.join(projectDir, "tsconfig.json");
  const text = `${JSON.stringify(projectTsconfig(board), null, 2)}\n`;
  if (fs.existsSync(tsconfig) && fs.readFileSync(tsconfig, "utf8") !== text) fs.writeFileSync(tsconfig, text);
}
