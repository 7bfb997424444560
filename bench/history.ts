// What changed since the previous `npm run bench`, as TinyGo's size test shows it: each run
// records its figures (image bytes and instructions per program and board) in
// node_modules/.cache/mote/bench.json, beside nothing the repository keeps, and prints the
// differences from the run recorded before it, so that a size or speed regression is seen.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export interface Figures { program: string; board: string; imageBytes?: number; instructions?: number }
interface Recorded { at: string; commit?: string; figures: Figures[] }

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const RECORD = path.join(repoRoot, "node_modules", ".cache", "mote", "bench.json");

/** Prints the changes from the last recorded run, then records this one. */
export function printChanges(figures: Figures[], record = RECORD): void {
  console.log("");
  const previous = readRecord(record);
  if (!previous) {
    console.log(`Changes since the previous run: none recorded yet (this run is kept in ${path.relative(repoRoot, record)}).`);
  } else {
    const lines = changes(previous.figures, figures);
    console.log(`Changes since the previous run (${previous.at}${previous.commit ? `, ${previous.commit}` : ""}): ${lines.length === 0 ? "none" : ""}`);
    for (const line of lines) console.log(`  ${line}`);
  }
  mkdirSync(path.dirname(record), { recursive: true });
  writeFileSync(record, JSON.stringify({ at: new Date().toISOString(), commit: headCommit(), figures } satisfies Recorded, null, 1));
}

/** One line per program and board whose image or instructions changed, with the signed difference. */
export function changes(before: Figures[], after: Figures[]): string[] {
  const lines: string[] = [];
  for (const now of after) {
    const then = before.find((f) => f.program === now.program && f.board === now.board);
    if (!then) continue;
    const parts: string[] = [];
    for (const [label, key] of [["image", "imageBytes"], ["instructions", "instructions"]] as const) {
      const a = then[key];
      const b = now[key];
      if (a === undefined || b === undefined || a === b) continue;
      const delta = b - a;
      parts.push(`${label} ${a.toLocaleString("en-US")} → ${b.toLocaleString("en-US")} (${delta > 0 ? "+" : ""}${delta.toLocaleString("en-US")}, ${delta > 0 ? "+" : ""}${((delta / a) * 100).toFixed(1)} %)`);
    }
    if (parts.length > 0) lines.push(`${now.program} on ${now.board}: ${parts.join("; ")}`);
  }
  return lines;
}

function readRecord(file: string): Recorded | undefined {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, "utf8")) as Recorded;
  } catch {
    return undefined;
  }
}

function headCommit(): string | undefined {
  try {
    const head = readFileSync(path.join(repoRoot, ".git", "HEAD"), "utf8").trim();
    if (!head.startsWith("ref: ")) return head.slice(0, 7);
    const ref = path.join(repoRoot, ".git", head.slice(5));
    return existsSync(ref) ? readFileSync(ref, "utf8").trim().slice(0, 7) : undefined;
  } catch {
    return undefined;
  }
}
