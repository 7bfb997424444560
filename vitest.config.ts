import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import LongestFirst from "./test/schedule/sequencer.ts";

export default defineConfig({
  resolve: {
    // Runtime modules run under Node in unit tests write their console through this stand-in.
    alias: { "mote/console": fileURLToPath(new URL("./test/unit/host-console.ts", import.meta.url)) },
  },
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // QEMU and rp2040js runs are CPU-bound; two workers match the CI machine.
    maxWorkers: 2,
    // Longest files first, from a committed table when vitest has no cache (test/schedule/).
    sequence: { sequencer: LongestFirst },
  },
});
