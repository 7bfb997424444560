// The order in which vitest starts the test files: longest first, so the two workers finish
// together. Vitest orders by the durations of the last run it cached, and without a cache (a
// clean clone: CI) by file size, which puts a five-line file that runs every conformance
// program on the Pico last, with the other worker idle while it runs. The committed table
// (durations.json, written by `npx tsx test/schedule/durations.ts` after a full run) gives
// a clean clone the same order as a warm one; the cache, when there is one, wins.
import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { BaseSequencer, type TestSpecification } from "vitest/node";

const table: Record<string, number> = JSON.parse(
  readFileSync(new URL("./durations.json", import.meta.url), "utf8"),
);

export default class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const cache = this.ctx.cache;
    const root = this.ctx.config.root;
    const weight = (spec: TestSpecification) => {
      const file = relative(root, spec.moduleId);
      const cached = cache.getFileTestResults(`${spec.project.name}:${file}`);
      if (cached?.failed) return Number.POSITIVE_INFINITY;
      // A file the table does not know yet (new since it was written) counts as a middling one.
      return cached?.duration ?? (table[file] ?? 30) * 1000;
    };
    return [...files].sort((a, b) => weight(b) - weight(a));
  }
}
