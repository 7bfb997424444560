// Rewrites durations.json, the seconds each test file took in the last full run, from
// vitest's own cache (node_modules/.vite/vitest/*/results.json). Run it after `npm test`
// when files were added or got much slower or faster; sequencer.ts reads the table.
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const cacheRoot = "node_modules/.vite/vitest";
const table: Record<string, number> = {};
for (const dir of readdirSync(cacheRoot)) {
  const { results } = JSON.parse(readFileSync(join(cacheRoot, dir, "results.json"), "utf8"));
  for (const [key, { duration }] of results as [string, { duration?: number }][]) {
    const file = key.slice(key.indexOf(":") + 1);
    if (duration && existsSync(file)) table[file] = Math.max(table[file] ?? 0, Math.round(duration / 100) / 10);
  }
}
const sorted = Object.fromEntries(Object.entries(table).sort(([, a], [, b]) => b - a));
writeFileSync(new URL("./durations.json", import.meta.url), JSON.stringify(sorted, null, 1) + "\n");
console.log(`${Object.keys(sorted).length} files, ${Math.round(Object.values(sorted).reduce((s, x) => s + x, 0))} s in all`);
