// The symbols a program's image links: what the "pay only for what is used" tests look at
// (doubles-linking, json-parse-linking). Each program is built for mps2-an385 (or the board
// given) from source written into its own temporary folder, removed when the process ends.

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { findBoard } from "../../boards/index.ts";
import { build } from "../../sdk/compiler/index.ts";

let dir: string | undefined;

export function linkedSymbols(source: string, board = "mps2-an385"): string[] {
  return linkedSizes(source, board).map((s) => s.name);
}

/** The linked symbols with their sizes in bytes. */
export function linkedSizes(source: string, board = "mps2-an385"): Array<{ name: string; size: number }> {
  if (dir === undefined) {
    const made = mkdtempSync(path.join(tmpdir(), "mote-linking-"));
    dir = made;
    process.on("exit", () => rmSync(made, { recursive: true, force: true }));
  }
  const file = path.join(dir, `p${Math.random().toString(36).slice(2)}.ts`);
  writeFileSync(file, source);
  const result = build({ entry: file, board: findBoard(board), outDir: path.join(dir, "out"), forSimulator: true });
  if (!result.ok) throw new Error(result.diagnostics);
  return result.image.symbols.map((s) => ({ name: s.name, size: s.size }));
}
