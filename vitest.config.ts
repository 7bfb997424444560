import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // QEMU and rp2040js runs are CPU-bound; two workers match the CI machine.
    maxWorkers: 2,
  },
});
