// Type errors in mote's own sources. Builds check only the app's files (the SDK's would cost
// most of a small build), so the device runtime and drivers are checked here, in the
// environment a device build gives them, for every board; the host code (compiler, CLI,
// simulators, tests) is checked with tsc as `npm run typecheck` does.

import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { boards } from "../../boards/index.ts";
import { createFrontEnd, formatDiagnostics, REPO_ROOT, typeDiagnostics } from "../../sdk/compiler/frontend/program.ts";
import { runtimeFiles } from "../../sdk/compiler/index.ts";

describe("mote's own sources type-check", () => {
  for (const board of boards) {
    it(`the device runtime and the ${board.id} drivers`, () => {
      const entry = path.join(REPO_ROOT, "examples/hello/app.ts");
      // The sensor and actuator drivers (mote/drivers/…) too: no app of the suite may use them all.
      const drivers = path.join(REPO_ROOT, "sdk/lib/drivers");
      const driverFiles = readdirSync(drivers).filter((f) => f.endsWith(".ts")).map((f) => path.join(drivers, f));
      const diagnostics = typeDiagnostics(createFrontEnd(entry, board, [...runtimeFiles(board), ...driverFiles], { forSimulator: true }));
      expect(formatDiagnostics(diagnostics)).toBe("");
    });
  }

  it("the host code (tsc -p tsconfig.json)", () => {
    const tsc = path.join(REPO_ROOT, "node_modules/typescript/bin/tsc");
    let output = "";
    try {
      execFileSync(process.execPath, [tsc, "-p", path.join(REPO_ROOT, "tsconfig.json"), "--noEmit"], { encoding: "utf8" });
    } catch (error) {
      output = String((error as { stdout?: string }).stdout ?? error);
    }
    expect(output).toBe("");
  }, 120_000);
});
