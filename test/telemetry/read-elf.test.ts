// readElfImage reads back what the compiler's ELF writer wrote: a crash symbolized with the
// image read from the .elf file gives the same TypeScript stack as with the image the
// compiler linked in memory (which is what `mote run` uses).

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { formatCrashReport } from "../../sdk/cli/crash.ts";
import { ElfReadError, readElfImage } from "../../sdk/compiler/link/read-elf.ts";
import { symbolize } from "../../sdk/compiler/link/symbolize.ts";
import type { LinkedImage } from "../../sdk/compiler/link/types.ts";
import { crashLineOf, statusCrashFrames } from "../../flash-tool/telemetry/crash-report.ts";
import { repoRoot } from "../fixtures/mote-cli.ts";
import { buildHello, crashInIsPrime } from "./hello-crash.ts";

describe("readElfImage", () => {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "mote-read-elf-"));
  const { image, elfPath } = buildHello(outDir);
  const fromElf = readElfImage(fs.readFileSync(elfPath));

  it("finds every function with its display name and module", () => {
    const functions = (i: LinkedImage) => i.symbols.filter((s) => s.kind === "func" && s.size > 0 && s.module !== "linker")
      .map((s) => [s.name, s.displayName, s.address, s.size, s.module]).sort();
    expect(functions(fromElf)).toEqual(functions(image));
  });

  it("symbolizes every code address as the linked image does", () => {
    let checked = 0;
    for (const fn of image.symbols.filter((s) => s.kind === "func" && s.size > 0 && s.module !== "linker")) {
      for (let at = fn.address; at < fn.address + fn.size; at += 2) {
        expect(symbolize(fromElf, at)).toEqual(symbolize(image, at));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });

  it("gives the same crash report as the linked image", () => {
    const crash = crashInIsPrime(image);
    const report = formatCrashReport(crashLineOf(crash), fromElf, { cwd: repoRoot });
    expect(report).toBe(formatCrashReport(crashLineOf(crash), image, { cwd: repoRoot }));
    // The frames --json gives: isPrime, then the top-level code that called it.
    const frames = statusCrashFrames(crash, fromElf);
    expect(frames.map((f) => f.function)[0]).toBe("isPrime");
    expect(frames).toHaveLength(2);
    expect(frames.every((f) => f.file?.endsWith("examples/hello/app.ts") && f.line! > 0)).toBe(true);
    expect(report).toMatch(/\n {4}at isPrime \(examples\/hello\/app\.ts:\d+:\d+\)\n {4}at examples\/hello\/app\.ts:\d+:\d+\n/);
  });

  it("refuses a file that is not an ARM ELF, clearly", () => {
    expect(() => readElfImage(new TextEncoder().encode("hello, not an ELF at all, just text here........................"))).toThrow(ElfReadError);
    expect(() => readElfImage(fs.readFileSync(elfPath).subarray(0, 100))).toThrow(/cut short|past the end/);
  });
});
