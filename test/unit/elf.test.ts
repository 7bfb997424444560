// The ELF writer, checked three ways: by parsing our own headers, by GNU binutils
// (readelf must decode everything without a warning, objdump must disassemble), and end
// to end: QEMU runs the image, and gdb stops on a .ts line and backtraces through it.

import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createConnection, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { board as mps2 } from "../../boards/mps2-an385/board.ts";
import { board as pico } from "../../boards/pico/board.ts";
import { writeElf } from "../../sdk/compiler/emit/elf.ts";
import { link } from "../../sdk/compiler/link/link.ts";
import type { LinkedImage } from "../../sdk/compiler/link/types.ts";
import {
  DEMO_FILE, DEMO_SOURCE, HELPER_END_LINE, MAIN_FIRST_CALL_LINE, demoChunks, func, halfwords, layoutOf, vectorTable, words,
} from "./link-fixtures.ts";

const READELF = "arm-none-eabi-readelf";
const OBJDUMP = "arm-none-eabi-objdump";
const QEMU = "qemu-system-arm";
const GDB = "gdb-multiarch";

function installed(tool: string): boolean {
  const found = !spawnSync(tool, ["--version"]).error;
  if (!found) console.warn(`NOTICE: ${tool} is not installed; the tests that need it are skipped`);
  return found;
}
const hasReadelf = installed(READELF);
const hasObjdump = installed(OBJDUMP);
const hasQemu = installed(QEMU);
const hasGdb = installed(GDB);

const workDir = mkdtempSync(join(tmpdir(), "mote-elf-"));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));
writeFileSync(join(workDir, DEMO_FILE), DEMO_SOURCE);

const demo = link(demoChunks(), layoutOf(mps2), { entry: "main" });
const demoElf = writeElf(demo, { cpu: mps2.chip.cpu, compDir: workDir });
const demoPath = join(workDir, "demo.elf");
writeFileSync(demoPath, demoElf);

// A second image: pico layout, modules interleaved (a unit with two address ranges), files
// in subdirectories, an inlined line from another file, display names, a frame with SUB SP
// and a mid-function literal pool.
const APP = "examples/hello/app.ts";
const CONSOLE = "sdk/lib/console.ts";
const pushPop = () => halfwords(0xb510 /* push {r4, lr} */, 0xbf00, 0xbd10 /* pop {r4, pc} */, 0xbf00);
const multi = link([
  vectorTable(["__stack_top", "app_main"], { align: 256 }),
  func("app_main", pushPop(), {
    module: APP, displayName: "main",
    lines: [{ offset: 0, file: APP, line: 3, column: 1 }, { offset: 2, file: CONSOLE, line: 40, column: 5 }, { offset: 4, file: APP, line: 4, column: 1 }],
  }),
  func("console_print", pushPop(), {
    module: CONSOLE, displayName: "console.print",
    lines: [{ offset: 0, file: CONSOLE, line: 10, column: 1 }, { offset: 4, file: CONSOLE, line: 12, column: 3 }],
  }),
  func("app_tick", new Uint8Array([
    ...halfwords(0xb5f0 /* push {r4-r7, lr} */, 0xb082 /* sub sp, #8 */, 0x4801 /* ldr r0, [pc, #4] */, 0xb002 /* add sp, #8 */,
      0xbdf0 /* pop {r4-r7, pc} */, 0xbf00),
    ...words(0x12345678),
    ...halfwords(0xb002 /* add sp, #8 */, 0xbdf0 /* pop {r4-r7, pc} */),
  ]), {
    module: APP, displayName: "tick", dataInCode: [{ offset: 12, size: 4 }],
    lines: [{ offset: 0, file: APP, line: 200, column: 1 }, { offset: 16, file: APP, line: 210, column: 7 }],
  }),
], layoutOf(pico), { entry: "app_main" });
const multiPath = join(workDir, "multi.elf");
writeFileSync(multiPath, writeElf(multi, { cpu: pico.chip.cpu, producer: "mote test", compDir: "/home/dev/project" }));

function run(tool: string, args: string[]): { stdout: string; stderr: string } {
  const result = spawnSync(tool, args, { encoding: "utf8" });
  if (result.error) throw result.error;
  expect(result.status, `${tool} ${args.join(" ")}: ${result.stderr}`).toBe(0);
  return { stdout: result.stdout, stderr: result.stderr };
}

function expectNoWarnings(output: { stdout: string; stderr: string }): void {
  expect(output.stderr).toBe("");
  // ("x (unknown)" in the section-flag legend is not a complaint; "<unknown: 0x…>" would be.)
  expect(output.stdout).not.toMatch(/warning|error|corrupt|invalid|<unknown/i);
}

/** readelf --debug-dump=decodedline rows: the file comes from the "path:" heading lines. */
function decodedLines(output: string): Array<{ file: string; line: number; address: number }> {
  const rows: Array<{ file: string; line: number; address: number }> = [];
  let file = "";
  for (const text of output.split("\n")) {
    const heading = /^(?:CU: )?(\S+):$/.exec(text.trim());
    if (heading) {
      file = heading[1];
      continue;
    }
    const row = /^(\S+)\s+(\d+)\s+0x([0-9a-f]+)/.exec(text);
    if (row) {
      expect(file.endsWith(row[1])).toBe(true);
      rows.push({ file, line: Number(row[2]), address: parseInt(row[3], 16) });
    }
  }
  return rows;
}

describe("ELF: headers (parsed here)", () => {
  const view = new DataView(demoElf.buffer);
  const u16 = (at: number) => view.getUint16(at, true);
  const u32 = (at: number) => view.getUint32(at, true);

  it("is an ELF32 little-endian ARM EABI5 soft-float executable entering at reset|1", () => {
    expect([...demoElf.subarray(0, 7)]).toEqual([0x7f, 0x45, 0x4c, 0x46, 1, 1, 1]);
    expect(u16(16)).toBe(2); // ET_EXEC
    expect(u16(18)).toBe(40); // EM_ARM
    expect(u32(24)).toBe(demo.entry | 1);
    expect(u32(36)).toBe(0x05000200);
  });

  it("has one PT_LOAD per section; .data loads from flash; .bss has no file bytes", () => {
    const phoff = u32(28);
    const segments = Array.from({ length: u16(44) }, (_, i) => {
      const at = phoff + i * 32;
      return { type: u32(at), vaddr: u32(at + 8), paddr: u32(at + 12), filesz: u32(at + 16), memsz: u32(at + 20) };
    });
    expect(segments).toEqual([
      { type: 1, vaddr: 0x0, paddr: 0x0, filesz: 64, memsz: 64 },
      { type: 1, vaddr: 0x40, paddr: 0x40, filesz: 0x3c, memsz: 0x3c },
      { type: 1, vaddr: 0x7c, paddr: 0x7c, filesz: 8, memsz: 8 },
      { type: 1, vaddr: 0x20000000, paddr: demo.special.__data_load, filesz: 4, memsz: 4 },
      { type: 1, vaddr: 0x20000004, paddr: 0x20000004, filesz: 0, memsz: 64 },
    ]);
  });

  it("rejects an unknown CPU", () => {
    expect(() => writeElf(demo, { cpu: "cortex-a53" })).toThrow(/unknown cpu "cortex-a53"/);
  });
});

describe.skipIf(!hasReadelf)("ELF: accepted by GNU readelf", () => {
  it("prints everything (-a -W) without warnings", () => {
    for (const path of [demoPath, multiPath]) expectNoWarnings(run(READELF, ["-a", "-W", path]));
  });

  it("lists functions (Thumb bit set, sized), objects, linker symbols and mapping symbols", () => {
    const { stdout } = run(READELF, ["-s", "-W", demoPath]);
    const hex = (n: number) => n.toString(16).padStart(8, "0");
    expect(stdout).toMatch(new RegExp(`${hex(0x45)}\\s+44 FUNC\\s+GLOBAL DEFAULT\\s+\\d+ main$`, "m"));
    expect(stdout).toMatch(new RegExp(`${hex(0x71)}\\s+12 FUNC\\s+GLOBAL DEFAULT\\s+\\d+ demo__helper$`, "m"));
    expect(stdout).toMatch(new RegExp(`${hex(0x7c)}\\s+8 OBJECT\\s+GLOBAL DEFAULT\\s+\\d+ exit_args$`, "m"));
    expect(stdout).toMatch(/20000000\s+4 OBJECT\s+GLOBAL DEFAULT\s+\d+ counter$/m);
    expect(stdout).toMatch(/20400000\s+0 NOTYPE\s+GLOBAL DEFAULT\s+ABS __stack_top$/m);
    expect(stdout).toMatch(new RegExp(`${hex(0x44)}\\s+0 NOTYPE\\s+LOCAL\\s+DEFAULT\\s+\\d+ \\$t$`, "m"));
    expect(stdout).toMatch(new RegExp(`${hex(0x68)}\\s+0 NOTYPE\\s+LOCAL\\s+DEFAULT\\s+\\d+ \\$d$`, "m"));
  });

  it("records the CPU in the build attributes", () => {
    expect(run(READELF, ["-A", multiPath]).stdout).toMatch(
      /Tag_CPU_name: "cortex-m0plus"\s+Tag_CPU_arch: v6S-M\s+Tag_CPU_arch_profile: Microcontroller/);
    expect(run(READELF, ["-A", demoPath]).stdout).toMatch(/Tag_CPU_name: "cortex-m3"\s+Tag_CPU_arch: v7\s/);
  });

  it("decodes .debug_line to the right .ts files and lines", () => {
    const check = (path: string, image: LinkedImage) => {
      const output = run(READELF, ["-W", "--debug-dump=decodedline", path]);
      expectNoWarnings(output);
      // Units list their rows one after the other; compare in address order.
      const rows = decodedLines(output.stdout).sort((a, b) => a.address - b.address);
      // Every line entry inside a function appears with its file and line (the fixtures
      // have no repeated positions, which the writer would fold).
      const expected = image.lines
        .filter((l) => image.symbols.some((s) => s.kind === "func" && l.offset >= s.address && l.offset < s.address + s.size))
        .map((l) => ({ file: l.file, line: l.line, address: l.offset }));
      expect(rows).toEqual(expected);
    };
    check(demoPath, demo);
    check(multiPath, multi);
    const rows = decodedLines(run(READELF, ["-W", "--debug-dump=decodedline", demoPath]).stdout);
    expect(rows).toContainEqual({ file: "demo.ts", line: HELPER_END_LINE, address: 0x74 });
    const multiRows = decodedLines(run(READELF, ["-W", "--debug-dump=decodedline", multiPath]).stdout);
    expect(multiRows).toContainEqual({ file: CONSOLE, line: 40, address: multi.symbols.find((s) => s.name === "app_main")!.address + 2 });
  });

  it("has compile units with names, directories, ranges and subprograms", () => {
    const output = run(READELF, ["-W", "--debug-dump=info,abbrev,aranges,Ranges,rawline", multiPath]);
    expectNoWarnings(output);
    const text = output.stdout;
    expect(text).toMatch(/DW_AT_name\s+: (\(string\) )?examples\/hello\/app\.ts/);
    expect(text).toMatch(/DW_AT_comp_dir\s+: (\(string\) )?\/home\/dev\/project/);
    expect(text).toMatch(/DW_AT_producer\s+: (\(string\) )?mote test/);
    expect(text).toMatch(/DW_AT_language\s+: (\(data2\) )?12\s+\(ANSI C99\)/);
    expect(text).toMatch(/DW_AT_ranges/); // app.ts is split around console.ts
    expect(text).toMatch(/DW_AT_name\s+: (\(string\) )?console\.print/);
    expect(text).not.toMatch(/DW_AT_linkage_name/);
    expect(text).toMatch(/The Directory Table[^\n]*\n\s+1\s+examples\/hello\n\s+2\s+sdk\/lib/);
    expect(text).toMatch(/1\s+1\s+0\s+0\s+app\.ts\n\s+2\s+2\s+0\s+0\s+console\.ts/);
  });

  it("describes each frame in .debug_frame", () => {
    const output = run(READELF, ["-W", "--debug-dump=frames", multiPath]);
    expectNoWarnings(output);
    const tick = multi.symbols.find((s) => s.name === "app_tick")!.address;
    const fde = output.stdout.split(/\n(?=\S)/).find((block) => block.includes(`pc=${tick.toString(16).padStart(8, "0")}`))!;
    // push {r4-r7, lr} → 20; sub sp, #8 → 28; add sp, #8 → 20; after the return the other
    // path is back in the body (28); its add sp → 20.
    expect([...fde.matchAll(/DW_CFA_def_cfa_offset: (\d+)/g)].map((m) => Number(m[1]))).toEqual([20, 28, 20, 28, 20]);
    expect(fde).toMatch(/r14 at cfa-4/);
    expect(fde).toMatch(/r4 at cfa-20/);
  });
});

describe.skipIf(!hasObjdump)("ELF: disassembled by GNU objdump", () => {
  it("shows functions, resolved calls and literal pools as data", () => {
    const { stdout, stderr } = run(OBJDUMP, ["-d", demoPath]);
    expect(stderr).toBe("");
    expect(stdout).toMatch(/00000044 <main>:\n\s+44:\s+b510\s+push\s+\{r4, lr\}/);
    expect(stdout).toMatch(/4e:\s+f000 f80f\s+bl\s+70 <demo__helper>/);
    expect(stdout).toMatch(/68:\s+40004000\s+\.word\s+0x40004000/);
    expect(stdout).toMatch(/6c:\s+0000007c\s+\.word\s+0x0000007c/); // &exit_args, relocated
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ port, host: "127.0.0.1" }, () => {
        socket.destroy();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`nothing listening on port ${port}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function qemuArgs(elf: string, extra: string[] = []): string[] {
  return [
    "-M", mps2.simulator.kind === "qemu" ? mps2.simulator.machine : "mps2-an385",
    "-display", "none", "-monitor", "none", "-serial", "stdio",
    "-semihosting-config", "enable=on,target=native", "-kernel", elf, ...extra,
  ];
}

describe.skipIf(!hasQemu)("ELF: runs on QEMU mps2-an385", () => {
  it("prints hi and exits 0 through semihosting", async () => {
    const child = spawn(QEMU, qemuArgs(demoPath), { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const timer = setTimeout(() => child.kill(), 20_000);
    const code = await new Promise<number | null>((resolve) => child.on("exit", (c) => resolve(c)));
    clearTimeout(timer);
    expect(stderr).toBe("");
    expect(stdout).toBe("hi\n");
    expect(code).toBe(0);
  });
});

describe.skipIf(!hasGdb)("ELF: read by gdb-multiarch", () => {
  it("finds lines and functions by their TypeScript names", () => {
    const { stdout, stderr } = run(GDB, ["-nx", "-batch", demoPath, "-ex", `info line ${DEMO_FILE}:${HELPER_END_LINE}`,
      "-ex", "info functions helper"]);
    expect(stderr).toBe("");
    expect(stdout).toMatch(new RegExp(`Line ${HELPER_END_LINE} of "demo\\.ts" starts at address 0x74 <helper\\+4>`));
    // gdb names code by DW_AT_name (the display name), not by the linker symbol;
    // decl_line is the function's first line entry.
    expect(stdout).toMatch(/File demo\.ts:\n5:\s+void helper\(\);/);
  });

  it("handles units with several ranges and files in subdirectories", () => {
    const { stdout, stderr } = run(GDB, ["-nx", "-batch", multiPath,
      "-ex", "info line examples/hello/app.ts:210", "-ex", "info line console.ts:12", "-ex", "info functions tick"]);
    expect(stderr).toBe("");
    const tick = multi.symbols.find((s) => s.name === "app_tick")!.address;
    expect(stdout).toContain(`Line 210 of "examples/hello/app.ts" starts at address 0x${(tick + 16).toString(16)} <tick+16>`);
    expect(stdout).toMatch(/Line 12 of "sdk\/lib\/console\.ts" starts at address 0x[0-9a-f]+ <console\.print\+4>/);
    expect(stdout).toMatch(/File examples\/hello\/app\.ts:\n200:\s+void tick\(\);/);
  });
});

describe.skipIf(!hasQemu || !hasGdb)("ELF: debugged by gdb-multiarch on QEMU", () => {
  it("stops at a .ts line and backtraces through TypeScript function names", async () => {
    const port = await freePort();
    const qemu = spawn(QEMU, qemuArgs(demoPath, ["-S", "-gdb", `tcp:127.0.0.1:${port}`]), { stdio: ["ignore", "pipe", "pipe"] });
    let guestOutput = "";
    qemu.stdout.on("data", (d) => (guestOutput += d));
    try {
      await waitForPort(port, 10_000);
      const gdb = spawnSync(GDB, [
        "-nx", "-batch", demoPath,
        "-ex", `target remote 127.0.0.1:${port}`,
        "-ex", `break ${DEMO_FILE}:${HELPER_END_LINE}`,
        "-ex", "continue",
        "-ex", "bt",
        "-ex", `x/wx 0x${demo.special.__data_load.toString(16)}`,
        "-ex", "kill",
      ], { encoding: "utf8", timeout: 30_000 });
      const out = gdb.stdout;
      expect(gdb.stderr).toBe("");
      expect(out).toMatch(new RegExp(`Breakpoint 1 at 0x74: file demo\\.ts, line ${HELPER_END_LINE}\\.`));
      expect(out).toMatch(new RegExp(`Breakpoint 1, helper \\(\\) at demo\\.ts:${HELPER_END_LINE}`));
      expect(out).toMatch(new RegExp(`#0  helper \\(\\) at demo\\.ts:${HELPER_END_LINE}`));
      expect(out).toMatch(new RegExp(`#1  0x00000052 in main \\(\\) at demo\\.ts:${MAIN_FIRST_CALL_LINE}`));
      // QEMU loaded .data's initial value at its flash load address (the .bss segment did
      // not zero-fill over it).
      expect(out).toMatch(/:\s+0x12345678/);
      // Stopped before the first UART write.
      expect(guestOutput).toBe("");
    } finally {
      qemu.kill();
    }
  });
});
