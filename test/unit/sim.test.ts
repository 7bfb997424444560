// The simulator layer against the real simulators: QEMU machine models and rp2040js boot tiny
// hand-assembled images (test/fixtures/tiny-image.ts) and must report console output, exit
// codes and executed-instruction counts exactly.

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { boards, findBoard } from "../../boards/index.ts";
import type { Board } from "../../boards/types.ts";
import { qemuAvailable, qemuTarget, rp2040Target, targetFor } from "../../sdk/sim/index.ts";
import type { BootImage, RunResult } from "../../sdk/sim/types.ts";
import { emitExit, emitPrint, irq, RESET, SYSTICK, TinyThumb, tinyImage } from "../fixtures/tiny-image.ts";

const workDir = mkdtempSync(path.join(tmpdir(), "mote-sim-test-"));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

const hasQemu = qemuAvailable();
if (!hasQemu) {
  console.warn("NOTICE: qemu-system-arm is not installed; the QEMU simulator tests are skipped " +
    "(install it with: sudo apt-get install qemu-system-arm)");
}
const needsSimulator = (board: Board) => board.simulator.kind === "rp2040js" || hasQemu;
const pico = findBoard("pico");

function image(board: Board, name: string, functions: Map<number, TinyThumb>): BootImage {
  return tinyImage(board, functions, workDir, `${board.id}-${name}`);
}

async function run(board: Board, boot: BootImage, options: { countInstructions?: boolean; timeoutMs?: number } = {}) {
  const chunks: Uint8Array[] = [];
  const result: RunResult = await targetFor(board).run({
    board,
    image: boot,
    timeoutMs: options.timeoutMs ?? 20_000,
    countInstructions: options.countInstructions,
    onConsole: (bytes) => chunks.push(Uint8Array.from(bytes)),
  });
  return { ...result, console: Buffer.concat(chunks).toString("latin1") };
}

describe("targetFor", () => {
  it("picks QEMU for QEMU machines and rp2040js for the Pico", () => {
    expect(targetFor(pico)).toBe(rp2040Target);
    expect(targetFor(findBoard("mps2-an385"))).toBe(qemuTarget);
    expect(targetFor(findBoard("microbit"))).toBe(qemuTarget);
  });
});

describe.each(boards.map((board) => [board.id, board] as const))("%s", (_id, board) => {
  it.runIf(needsSimulator(board))("prints to the console, exits with a code, counts every instruction", async () => {
    const main = new TinyThumb();
    emitPrint(main, board, "hi\n");
    emitExit(main, board, 7);
    const boot = image(board, "hello", new Map([[RESET, main]]));

    const result = await run(board, boot, { countInstructions: true });
    expect(result.console).toBe("hi\n");
    expect(result.reason).toBe("exit");
    expect(result.exitCode).toBe(7);
    // Straight-line code: every instruction from reset up to and including the exit BKPT.
    expect(result.instructions).toBe(main.instructions);
    expect(result.simulatorLog).toBe("");

    const uncounted = await run(board, boot);
    expect(uncounted.instructions).toBeUndefined();
    expect(uncounted.exitCode).toBe(7);
  });

  it.runIf(needsSimulator(board))("reports exit code 0 and codes above 127 as the guest gave them", async () => {
    for (const code of [0, 200]) {
      const main = new TinyThumb();
      emitExit(main, board, code);
      const result = await run(board, image(board, `exit${code}`, new Map([[RESET, main]])));
      expect(result).toMatchObject({ reason: "exit", exitCode: code, simulatorLog: "" });
    }
  });

  it.runIf(needsSimulator(board))("counts the instructions of a loop exactly, run after run", async () => {
    const iterations = 1000;
    const main = new TinyThumb();
    main.ldrConst(2, iterations);
    const loop = main.here();
    main.subsImm(2, 1).bneBack(loop);
    emitExit(main, board, 0);
    const boot = image(board, "loop", new Map([[RESET, main]]));

    const expected = main.instructions - 2 + 2 * iterations;
    const first = await run(board, boot, { countInstructions: true });
    const second = await run(board, boot, { countInstructions: true });
    expect(first).toMatchObject({ reason: "exit", exitCode: 0, instructions: expected });
    expect(second.instructions).toBe(expected);
  });

  it.runIf(needsSimulator(board))("reports a core asleep in WFI with nothing to wake it as an error, not a hang", async () => {
    const main = new TinyThumb().wfi().branchToSelf();
    const result = await run(board, image(board, "sleep-forever", new Map([[RESET, main]])), { timeoutMs: 60_000 });
    expect(result.reason).toBe("error");
    expect(result.simulatorLog).toMatch(/core sleeping with no wake-up source/);
  });

  // rp2040js alone never wakes a sleeping core for SysTick (../shared/BOARDS.md); sdk/sim does.
  it.runIf(needsSimulator(board))("wakes a core in WFI for SysTick", async () => {
    const SYST_CSR = 0xe000e010, RVR = 4, CVR = 8, ENABLE_TICKINT_CPUCLOCK = 7; // ARMv6-M ARM §B3.3
    const main = new TinyThumb()
      .ldrConst(1, SYST_CSR).ldrConst(0, 12_500).str(0, 1, RVR).str(0, 1, CVR)
      .movs(0, ENABLE_TICKINT_CPUCLOCK).str(0, 1)
      .wfi()
      .movs(0, 0).str(0, 1);                                  // SysTick off again
    emitExit(main, board, 42);
    const onTick = new TinyThumb().bxLr();
    const result = await run(board, image(board, "systick", new Map([[RESET, main], [SYSTICK, onTick]])), { timeoutMs: 10_000 });
    expect(result).toMatchObject({ reason: "exit", exitCode: 42 });
  });

  it.runIf(needsSimulator(board))("stops an endless loop at the timeout", async () => {
    const main = new TinyThumb().branchToSelf();
    const boot = image(board, "spin", new Map([[RESET, main]]));
    const result = await run(board, boot, { timeoutMs: 300 });
    expect(result.reason).toBe("timeout");
    expect(result.exitCode).toBeNull();
  });
});

describe("QEMU", () => {
  it.runIf(hasQemu)("turns a guest lockup into an error with QEMU's message", async () => {
    // The microbit's flash is read-only and nothing is mapped at 0x00FFFFF0: fetching there
    // faults with no HardFault handler in the table, which locks the core up.
    const board = findBoard("microbit");
    const jump = new TinyThumb().ldrConst(0, 0x00fffff1).bx(0);
    const result = await run(board, image(board, "lockup", new Map([[RESET, jump]])));
    expect(result.reason).toBe("error");
    expect(result.simulatorLog).toMatch(/Lockup/);
  });

  it.runIf(hasQemu)("gives a clear error when the ELF cannot be loaded", async () => {
    const board = findBoard("mps2-an385");
    const boot: BootImage = { elfPath: path.join(workDir, "missing.elf"), flashBytes: new Uint8Array(), flashOrigin: 0, vectorTable: 0 };
    const result = await run(board, boot);
    expect(result.reason).toBe("error");
    expect(result.simulatorLog).toMatch(/missing\.elf/);
  });
});

describe("rp2040js", () => {
  it("skips simulated time in WFI up to a timer alarm, and the alarm interrupt wakes the core", async () => {
    const TIMER = 0x40054000, TIMELR = 0x0c, ALARM0 = 0x10, INTR = 0x34, INTE = 0x38; // RP2040 datasheet §4.6.5
    const NVIC_ISER = 0xe000e100;
    const main = new TinyThumb()
      .ldrConst(1, TIMER).ldr(2, 1, TIMELR)                  // r2 = start (µs)
      .ldrConst(3, 1000).addsReg(3, 2, 3).str(3, 1, ALARM0)   // alarm 1000 µs later
      .movs(0, 1).str(0, 1, INTE).ldrConst(4, NVIC_ISER).str(0, 4)
      .wfi()
      .ldr(3, 1, TIMELR).subsReg(0, 3, 2).lsrs(0, 0, 4)      // exit code = elapsed µs / 16
      .bkpt(0);
    const onAlarm = new TinyThumb().ldrConst(1, TIMER).movs(0, 1).str(0, 1, INTR).bxLr();
    const result = await run(pico, image(pico, "alarm", new Map([[RESET, main], [irq(0), onAlarm]])), { countInstructions: true });
    expect(result).toMatchObject({ reason: "exit", exitCode: Math.floor(1000 / 16) });
    // Sleeping executes nothing: main, then the handler once.
    expect(result.instructions).toBe(main.instructions + onAlarm.instructions);
  });

  it("reports an unknown breakpoint, an undefined instruction and a bad address as errors", async () => {
    const cases: Array<[string, TinyThumb, RegExp]> = [
      ["bkpt5", new TinyThumb().bkpt(5), /unexpected BKPT #5/],
      ["semihosting", new TinyThumb().movs(0, 0x20).bkpt(0xab), /built for a QEMU board/],
      ["udf", new TinyThumb().udf(3), /undefined instruction \(UDF #3\)/],
      ["bad-read", new TinyThumb().ldrConst(1, 0x30000000).ldr(0, 1), /bus fault/],
      ["null-call", new TinyThumb().movs(0, 1).blx(0), /bootrom area.*null function pointer/],
    ];
    for (const [name, main, message] of cases) {
      const result = await run(pico, image(pico, name, new Map([[RESET, main.branchToSelf()]])), { timeoutMs: 60_000 });
      expect(result.reason, name).toBe("error");
      expect(result.simulatorLog, name).toMatch(message);
    }
  });

  it("refuses a gdbPort, which only QEMU boards support", async () => {
    const main = new TinyThumb().movs(0, 0).bkpt(0);
    const boot = image(pico, "gdb", new Map([[RESET, main]]));
    await expect(rp2040Target.run({ board: pico, image: boot, gdbPort: 3333 })).rejects.toThrow(/QEMU boards only/);
  });
});
