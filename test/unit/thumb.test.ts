// The Thumb assembler, cross-checked against GNU objdump.
//
// Every encoding case is assembled on its own, all cases are concatenated (each at a
// 4-byte boundary) and disassembled by ONE objdump run, and each case's lines are compared
// with the text written in its table row. Texts are what objdump prints, normalised: lower
// case, single spaces, comments ("@ …") dropped, and branch targets made relative to the
// start of the case. objdump's spellings differ from UAL in places: RSBS rd, rn, #0 is
// "negs", MULS rdm, rn, rdm is "muls rdm, rn", r10/r11/r12 are "sl"/"fp"/"ip", SYSm 0
// (APSR) is "cpsr" and SYSm 3 (xPSR) is "psr"; PUSH.W and POP.W are "stmdb sp!" and
// "ldmia.w sp!". Cases are assembled by the Thumb-2 assembler (thumb2.ts), a superset.

import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { createAssembler } from "../../sdk/compiler/asm/thumb.ts";
import { createThumb2Assembler, type Thumb2Assembler } from "../../sdk/compiler/asm/thumb2.ts";
import { branchWithLink } from "../../sdk/compiler/asm/thumb-encoding.ts";
import {
  LR, PC, R0, R1, R2, R3, R4, R5, R6, R7, R8, R9, R10, R11, R12, SP,
  type AssembledCode, type Cond, type Label, type ThumbAssembler,
} from "../../sdk/compiler/asm/types.ts";
import { mulberry32 } from "./mulberry32.ts";

const OBJDUMP = "arm-none-eabi-objdump";
const objdumpFound = spawnSync(OBJDUMP, ["--version"]).status === 0;
if (!objdumpFound) {
  console.warn("arm-none-eabi-objdump not found: apt-get install binutils-arm-none-eabi");
}
const describeWithObjdump = objdumpFound ? describe : describe.skip;

// ---------------------------------------------------------------------------------------
// Disassembly in one batch.

interface DisassembledLine {
  /** Relative to the start of the case. */
  offset: number;
  text: string;
}

interface Disassembled {
  code: AssembledCode | undefined;
  error: unknown;
  lines: DisassembledLine[];
}

const CASE_ALIGNMENT = 4;
/** NOPs between cases, so a case ending in data that looks like the first half of a 32-bit
 *  instruction cannot swallow the start of the next case. */
const CASE_SEPARATOR = [0x00, 0xbf, 0x00, 0xbf];

/** objdump's "   1a:\tf3ef 8000 \tmrs\tr0, CPSR" → offset 0x1a, text "mrs r0, cpsr". */
const OBJDUMP_LINE = /^\s*([0-9a-f]+):\t[0-9a-f ]+\t(.*)$/;
const BRANCH_TO_ADDRESS = /^(bl|b(?:eq|ne|cs|cc|mi|pl|vs|vc|hi|ls|ge|lt|gt|le)?\.n|cbn?z r[0-7],) 0x([0-9a-f]+)(?: <[^>]*>)?$/;

function normalise(text: string, caseStart: number): string {
  const plain = text.replace(/\s*@.*$/, "").replace(/\s+/g, " ").trim().toLowerCase();
  const branch = BRANCH_TO_ADDRESS.exec(plain);
  if (!branch) return plain;
  // Addresses wrap at 32 bits (a BL back past address 0 shows as 0xff…).
  return `${branch[1]} 0x${((parseInt(branch[2], 16) - caseStart) >>> 0).toString(16)}`;
}

class DisassemblyBatch {
  private readonly builds: { build: (a: Thumb2Assembler) => void; result: Disassembled }[] = [];

  /** Registers a case; its result is filled in by run(). Cases are assembled by the Thumb-2
   *  assembler, which encodes the ARMv6-M instructions as the ARMv6-M one does. */
  add(build: (a: Thumb2Assembler) => void): Disassembled {
    const result: Disassembled = { code: undefined, error: undefined, lines: [] };
    this.builds.push({ build, result });
    return result;
  }

  run(): void {
    const starts: number[] = [];
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (const { build, result } of this.builds) {
      try {
        const a = createThumb2Assembler();
        build(a);
        result.code = a.finish();
      } catch (error) {
        result.error = error;
      }
      const bytes = result.code?.bytes ?? new Uint8Array();
      starts.push(size);
      chunks.push(bytes);
      size += Math.ceil(bytes.length / CASE_ALIGNMENT) * CASE_ALIGNMENT + CASE_SEPARATOR.length;
    }
    const image = new Uint8Array(size);
    chunks.forEach((bytes, i) => {
      image.set(bytes, starts[i]);
      image.set(CASE_SEPARATOR, (starts[i + 1] ?? size) - CASE_SEPARATOR.length);
    });

    const directory = mkdtempSync(join(tmpdir(), "mote-thumb-"));
    try {
      const file = join(directory, "cases.bin");
      writeFileSync(file, image);
      // -z: do not collapse runs of zero bytes into "...".
      const run = spawnSync(OBJDUMP, ["-D", "-z", "-b", "binary", "-marm", "-Mforce-thumb", file], {
        encoding: "utf8", maxBuffer: 256 * 1024 * 1024,
      });
      if (run.status !== 0) throw new Error(`${OBJDUMP} failed: ${run.stderr}`);
      let index = 0;
      for (const line of run.stdout.split("\n")) {
        const match = OBJDUMP_LINE.exec(line);
        if (!match) continue;
        const address = parseInt(match[1], 16);
        while (index + 1 < starts.length && address >= starts[index + 1]) index++;
        const { result } = this.builds[index];
        const length = result.code?.bytes.length ?? 0;
        if (address - starts[index] >= length) continue; // padding and separator between cases
        result.lines.push({ offset: address - starts[index], text: normalise(match[2], starts[index]) });
      }
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  }
}

const batch = new DisassemblyBatch();

function texts(result: Disassembled): string[] {
  if (result.error) throw result.error;
  return result.lines.map((line) => line.text);
}

// ---------------------------------------------------------------------------------------
// Encoding tables: [arguments, expected objdump text(s)] per method.

type Method = {
  [K in keyof Thumb2Assembler]: Thumb2Assembler[K] extends (...args: never[]) => unknown ? K : never
}[keyof Thumb2Assembler];
type Row<K extends Method> = [args: Parameters<Thumb2Assembler[K]>, expected: string | string[]];

interface EncodingCase {
  name: string;
  expected: string[];
  result: Disassembled;
}

const encodingCases = new Map<string, EncodingCase[]>();

function table<K extends Method>(method: K, rows: Row<K>[]): void {
  const cases = rows.map(([args, expected]) => {
    const lines = typeof expected === "string" ? [expected] : expected;
    return {
      name: `${method}(${args.map((arg) => JSON.stringify(arg)).join(", ")}) → ${lines.join("; ")}`,
      expected: lines,
      result: batch.add((a) => Reflect.apply(a[method] as (...values: unknown[]) => void, a, args)),
    };
  });
  encodingCases.set(method, [...(encodingCases.get(method) ?? []), ...cases]);
}

/** A case that needs labels or several instructions. */
function program(group: string, name: string, build: (a: Thumb2Assembler) => void, expected: string[]): void {
  const cases = encodingCases.get(group) ?? [];
  const shown = expected.length > 4 ? [...expected.slice(0, 3), `… ${expected.length} lines`] : expected;
  cases.push({ name: `${name} → ${shown.join("; ")}`, expected, result: batch.add(build) });
  encodingCases.set(group, cases);
}

const nops = (count: number): string[] => new Array<string>(count).fill("nop");
const emitNops = (a: ThumbAssembler, count: number): void => {
  for (let i = 0; i < count; i++) a.nop();
};
const hex = (value: number): string => `0x${value.toString(16)}`;

// Moves and arithmetic.
table("movs", [
  [[R0, 0], "movs r0, #0"],
  [[R7, 255], "movs r7, #255"],
  [[R3, 128], "movs r3, #128"],
]);
table("movsReg", [
  [[R0, R7], "movs r0, r7"],
  [[R7, R0], "movs r7, r0"],
]);
table("mov", [
  [[R0, R1], "mov r0, r1"],
  [[R8, R0], "mov r8, r0"],
  [[R0, R9], "mov r0, r9"],
  [[R10, R11], "mov sl, fp"],
  [[R12, LR], "mov ip, lr"],
  [[SP, R7], "mov sp, r7"],
  [[R0, PC], "mov r0, pc"],
  [[PC, LR], "mov pc, lr"],
]);
table("adds", [
  [[R0, R1, R2], "adds r0, r1, r2"],
  [[R7, R7, R7], "adds r7, r7, r7"],
  [[R0, R1, { imm: 0 }], "adds r0, r1, #0"],
  [[R0, R1, { imm: 7 }], "adds r0, r1, #7"],
  [[R2, R2, { imm: 8 }], "adds r2, #8"],
  [[R2, R2, { imm: 255 }], "adds r2, #255"],
]);
table("add", [
  [[R0, R1], "add r0, r1"],
  [[R0, R8], "add r0, r8"],
  [[R8, R0], "add r8, r0"],
  [[R12, LR], "add ip, lr"],
  [[SP, R1], "add sp, r1"],
  [[R1, SP], "add r1, sp"],
  [[PC, R0], "add pc, r0"],
]);
table("addSp", [
  [[0], "add sp, #0"],
  [[4], "add sp, #4"],
  [[508], "add sp, #508"],
]);
table("addRdSp", [
  [[R0, 0], "add r0, sp, #0"],
  [[R7, 1020], "add r7, sp, #1020"],
]);
table("subs", [
  [[R0, R1, R2], "subs r0, r1, r2"],
  [[R7, R6, { imm: 0 }], "subs r7, r6, #0"],
  [[R0, R1, { imm: 7 }], "subs r0, r1, #7"],
  [[R3, R3, { imm: 8 }], "subs r3, #8"],
  [[R3, R3, { imm: 255 }], "subs r3, #255"],
]);
table("subSp", [
  [[0], "sub sp, #0"],
  [[508], "sub sp, #508"],
]);
table("adcs", [[[R0, R7], "adcs r0, r7"], [[R7, R0], "adcs r7, r0"]]);
table("sbcs", [[[R1, R2], "sbcs r1, r2"]]);
table("rsbs", [[[R0, R1], "negs r0, r1"], [[R7, R7], "negs r7, r7"]]);
table("muls", [[[R0, R1], "muls r0, r1"], [[R7, R3], "muls r7, r3"]]);
table("ands", [[[R0, R1], "ands r0, r1"]]);
table("orrs", [[[R2, R3], "orrs r2, r3"]]);
table("eors", [[[R4, R5], "eors r4, r5"]]);
table("bics", [[[R6, R7], "bics r6, r7"]]);
table("mvns", [[[R0, R7], "mvns r0, r7"]]);
table("tst", [[[R1, R2], "tst r1, r2"]]);
table("cmn", [[[R3, R4], "cmn r3, r4"]]);
table("cmp", [
  [[R0, { imm: 0 }], "cmp r0, #0"],
  [[R7, { imm: 255 }], "cmp r7, #255"],
  [[R0, R1], "cmp r0, r1"],
  [[R8, R0], "cmp r8, r0"],
  [[R0, R8], "cmp r0, r8"],
  [[SP, LR], "cmp sp, lr"],
]);
table("lsls", [
  [[R0, R1, 0], "movs r0, r1"], // LSLS #0 is the MOVS (register) encoding
  [[R0, R1, 1], "lsls r0, r1, #1"],
  [[R7, R7, 31], "lsls r7, r7, #31"],
]);
table("lsrs", [
  [[R0, R1, 1], "lsrs r0, r1, #1"],
  [[R2, R3, 31], "lsrs r2, r3, #31"],
  [[R4, R5, 32], "lsrs r4, r5, #32"],
]);
table("asrs", [
  [[R0, R1, 1], "asrs r0, r1, #1"],
  [[R6, R7, 32], "asrs r6, r7, #32"],
]);
table("lslsReg", [[[R0, R1], "lsls r0, r1"]]);
table("lsrsReg", [[[R2, R3], "lsrs r2, r3"]]);
table("asrsReg", [[[R4, R5], "asrs r4, r5"]]);
table("rors", [[[R6, R7], "rors r6, r7"]]);
table("rev", [[[R0, R1], "rev r0, r1"]]);
table("rev16", [[[R2, R3], "rev16 r2, r3"]]);
table("revsh", [[[R4, R5], "revsh r4, r5"]]);
table("sxtb", [[[R6, R7], "sxtb r6, r7"]]);
table("sxth", [[[R0, R7], "sxth r0, r7"]]);
table("uxtb", [[[R7, R0], "uxtb r7, r0"]]);
table("uxth", [[[R1, R1], "uxth r1, r1"]]);

// Memory.
table("ldr", [
  [[R0, R1, R2], "ldr r0, [r1, r2]"],
  [[R0, R1, { imm: 0 }], "ldr r0, [r1, #0]"],
  [[R7, R6, { imm: 4 }], "ldr r7, [r6, #4]"],
  [[R0, R1, { imm: 124 }], "ldr r0, [r1, #124]"],
  [[R0, SP, { imm: 0 }], "ldr r0, [sp, #0]"],
  [[R7, SP, { imm: 1020 }], "ldr r7, [sp, #1020]"],
]);
table("str", [
  [[R0, R1, R2], "str r0, [r1, r2]"],
  [[R0, R1, { imm: 0 }], "str r0, [r1, #0]"],
  [[R0, R1, { imm: 124 }], "str r0, [r1, #124]"],
  [[R3, SP, { imm: 8 }], "str r3, [sp, #8]"],
  [[R7, SP, { imm: 1020 }], "str r7, [sp, #1020]"],
]);
table("ldrb", [
  [[R0, R1, R2], "ldrb r0, [r1, r2]"],
  [[R0, R1, { imm: 0 }], "ldrb r0, [r1, #0]"],
  [[R0, R1, { imm: 31 }], "ldrb r0, [r1, #31]"],
]);
table("strb", [
  [[R0, R1, R2], "strb r0, [r1, r2]"],
  [[R7, R7, { imm: 31 }], "strb r7, [r7, #31]"],
]);
table("ldrh", [
  [[R0, R1, R2], "ldrh r0, [r1, r2]"],
  [[R0, R1, { imm: 2 }], "ldrh r0, [r1, #2]"],
  [[R0, R1, { imm: 62 }], "ldrh r0, [r1, #62]"],
]);
table("strh", [
  [[R0, R1, R2], "strh r0, [r1, r2]"],
  [[R0, R1, { imm: 62 }], "strh r0, [r1, #62]"],
]);
table("ldrsb", [[[R0, R1, R2], "ldrsb r0, [r1, r2]"]]);
table("ldrsh", [[[R7, R6, R5], "ldrsh r7, [r6, r5]"]]);
table("push", [
  [[[R0]], "push {r0}"],
  [[[LR]], "push {lr}"],
  [[[R7, R4, LR]], "push {r4, r7, lr}"],
  [[[R0, R1, R2, R3, R4, R5, R6, R7, LR]], "push {r0, r1, r2, r3, r4, r5, r6, r7, lr}"],
]);
table("pop", [
  [[[R0]], "pop {r0}"],
  [[[PC]], "pop {pc}"],
  [[[R4, R5, R6, R7, PC]], "pop {r4, r5, r6, r7, pc}"],
]);
table("ldm", [
  [[R2, [R0, R1]], "ldmia r2!, {r0, r1}"],
  [[R0, [R0, R1]], "ldmia r0, {r0, r1}"], // base in the list: no writeback
  [[R7, [R0, R1, R2, R3, R4, R5, R6]], "ldmia r7!, {r0, r1, r2, r3, r4, r5, r6}"],
]);
table("stm", [
  [[R2, [R0, R1]], "stmia r2!, {r0, r1}"],
  [[R0, [R0, R7]], "stmia r0!, {r0, r7}"],
]);

// Control flow through registers and system instructions.
table("blx", [[[R0], "blx r0"], [[LR], "blx lr"], [[R9], "blx r9"]]);
table("bx", [[[LR], "bx lr"], [[R8], "bx r8"], [[R0], "bx r0"]]);
table("svc", [[[0], "svc 0"], [[255], "svc 255"]]);
table("bkpt", [[[0], "bkpt 0x0000"], [[255], "bkpt 0x00ff"]]);
table("udf", [[[0], "udf #0"], [[255], "udf #255"]]);
table("cpsid", [[[], "cpsid i"]]);
table("cpsie", [[[], "cpsie i"]]);
table("wfi", [[[], "wfi"]]);
table("wfe", [[[], "wfe"]]);
table("sev", [[[], "sev"]]);
table("yield", [[[], "yield"]]);
table("nop", [[[], "nop"]]);
table("dmb", [[[], "dmb sy"]]);
table("dsb", [[[], "dsb sy"]]);
table("isb", [[[], "isb sy"]]);
table("mrs", [
  [[R0, "apsr"], "mrs r0, cpsr"],
  [[R1, "iapsr"], "mrs r1, iapsr"],
  [[R2, "eapsr"], "mrs r2, eapsr"],
  [[R3, "xpsr"], "mrs r3, psr"],
  [[R4, "ipsr"], "mrs r4, ipsr"],
  [[R5, "epsr"], "mrs r5, epsr"],
  [[R6, "msp"], "mrs r6, msp"],
  [[R7, "psp"], "mrs r7, psp"],
  [[R12, "primask"], "mrs ip, primask"],
  [[LR, "control"], "mrs lr, control"],
]);
table("msr", [
  [["apsr", R0], "msr cpsr_f, r0"],
  [["msp", R1], "msr msp, r1"],
  [["psp", R8], "msr psp, r8"],
  [["primask", R0], "msr primask, r0"],
  [["control", LR], "msr control, lr"],
]);

// Labels and branches. Targets are relative to the start of the case.
const CONDITIONS: Cond[] = ["eq", "ne", "cs", "cc", "mi", "pl", "vs", "vc", "hi", "ls", "ge", "lt", "gt", "le"];
const INVERSE: Record<Cond, Cond> = {
  eq: "ne", ne: "eq", cs: "cc", cc: "cs", mi: "pl", pl: "mi", vs: "vc", vc: "vs",
  hi: "ls", ls: "hi", ge: "lt", lt: "ge", gt: "le", le: "gt",
};

function forward(branch: (a: ThumbAssembler, label: Label) => void, nopCount: number) {
  return (a: ThumbAssembler): void => {
    const label = a.newLabel();
    branch(a, label);
    emitNops(a, nopCount);
    a.bind(label);
  };
}

function backward(branch: (a: ThumbAssembler, label: Label) => void, nopCount: number) {
  return (a: ThumbAssembler): void => {
    const label = a.newLabel();
    a.bind(label);
    emitNops(a, nopCount);
    branch(a, label);
  };
}

const b = (a: ThumbAssembler, label: Label): void => a.b(label);
const beq = (a: ThumbAssembler, label: Label): void => a.bcond("eq", label);

// B: ±2 KB; offsets are from the branch's address + 4.
program("b", "b to itself", backward(b, 0), ["b.n 0x0"]);
program("b", "b forward over one nop", forward(b, 1), ["b.n 0x4", "nop"]);
program("b", "b forward by the maximum +2046", forward(b, 1024), ["b.n 0x802", ...nops(1024)]);
program("b", "b forward by +2048 becomes bl", forward(b, 1025), ["bl 0x806", ...nops(1025)]);
program("b", "b backward by the minimum -2048", backward(b, 1022), [...nops(1022), "b.n 0x0"]);
program("b", "b backward by -2050 becomes bl", backward(b, 1023), [...nops(1023), "bl 0x0"]);
program("b", "b forward over 2200 bytes becomes bl", forward(b, 1100), [`bl ${hex(4 + 2200)}`, ...nops(1100)]);

// B<cond>: ±256 B.
for (const cond of CONDITIONS) {
  program("bcond", `b${cond} to itself`, backward((a, l) => a.bcond(cond, l), 0), [`b${cond}.n 0x0`]);
}
program("bcond", "beq forward by the maximum +254", forward(beq, 128), ["beq.n 0x102", ...nops(128)]);
program("bcond", "beq forward by +256 becomes bne over b", forward(beq, 129), ["bne.n 0x4", "b.n 0x106", ...nops(129)]);
program("bcond", "beq over 300 bytes becomes bne over b", forward(beq, 150), ["bne.n 0x4", `b.n ${hex(4 + 300)}`, ...nops(150)]);
program("bcond", "beq backward by the minimum -256", backward(beq, 126), [...nops(126), "beq.n 0x0"]);
program("bcond", "beq backward by -258 becomes bne over b", backward(beq, 127), [...nops(127), "bne.n 0x102", "b.n 0x0"]);
for (const cond of ["cs", "hi", "gt"] as const) {
  program("bcond", `b${cond} over 300 bytes inverts to b${INVERSE[cond]}`, forward((a, l) => a.bcond(cond, l), 150),
    [`b${INVERSE[cond]}.n 0x4`, `b.n ${hex(4 + 300)}`, ...nops(150)]);
}
program("bcond", "beq over 3000 bytes becomes bne over bl", forward(beq, 1500),
  ["bne.n 0x6", `bl ${hex(6 + 3000)}`, ...nops(1500)]);

// BL to a label. (BL to a symbol is all zeros until the linker fills it: see the reloc test.)
program("bl", "bl forward to a label", forward((a, l) => a.bl(l), 2), ["bl 0x8", "nop", "nop"]);
program("bl", "bl backward to a label", backward((a, l) => a.bl(l), 3), [...nops(3), "bl 0x0"]);

// BL's far offsets (S, I1, I2 bits) cannot occur inside one function; the encoder is
// checked directly, its halfwords emitted as data.
for (const offset of [0x3ffffe, 0x400000, 0x800000, 0xfffffe, -0x400000, -0x800002, -0x1000000]) {
  program("bl", `bl encoding for offset ${offset}`, (a) => {
    for (const halfword of branchWithLink(offset)) a.half(halfword);
  }, [`bl ${hex((4 + offset) >>> 0)}`]);
}

// ADR: Align(PC, 4) + imm8*4 with a word-aligned label after it.
program("adr", "adr to the next word", (a) => {
  const label = a.newLabel();
  a.adr(R0, label);
  a.align(4);
  a.bind(label);
  a.nop();
}, ["add r0, pc, #0", "nop", "nop"]);
program("adr", "adr from a halfword-aligned address", (a) => {
  const label = a.newLabel();
  a.nop();
  a.adr(R7, label);
  a.nop();
  a.align(4);
  a.bind(label);
  a.nop();
}, ["nop", "add r7, pc, #4", "nop", "nop", "nop"]);
program("adr", "adr at its maximum reach of 1020", (a) => {
  const label = a.newLabel();
  a.adr(R3, label);
  emitNops(a, 511);
  a.bind(label);
  a.nop();
}, ["add r3, pc, #1020", ...nops(512)]);

// LDR (literal): checked by offset arithmetic below; here, the instruction text.
program("ldrConst", "ldr from the pool right after the code", (a) => {
  a.ldrConst(R0, 0x12345678);
  a.bx(LR);
}, ["ldr r0, [pc, #0]", "bx lr", /* the pool word 0x12345678: */ "ldrsb r0, [r7, r1]", "asrs r4, r6, #8"]);

// ---------------------------------------------------------------------------------------
// Literal-pool programs, checked by reading the disassembled LDRs.

interface LiteralLoad { register: number; value: number | string }

const LDR_LITERAL = /^ldr r([0-7]), \[pc, #(\d+)\]$/;

/** The loads' results in program order; pools (islands and the final one) are skipped. */
function followLiteralLoads(result: Disassembled): { loads: LiteralLoad[]; islands: number } {
  if (result.error) throw result.error;
  const code = result.code!;
  const view = new DataView(code.bytes.buffer, code.bytes.byteOffset, code.bytes.byteLength);
  const relocAt = new Map(code.relocs.map((reloc) => [reloc.offset, reloc]));
  const loads: LiteralLoad[] = [];
  let islands = 0;
  let skipUntil = -1;
  let previous = "";
  for (const { offset, text } of result.lines) {
    if (offset < skipUntil) continue;
    if (text === "bx lr") break; // the final pool follows
    const load = LDR_LITERAL.exec(text);
    if (load) {
      const target = Math.floor((offset + 4) / 4) * 4 + Number(load[2]);
      const reloc = relocAt.get(target);
      loads.push({
        register: Number(load[1]),
        value: reloc ? `${reloc.symbol}+${reloc.addend}` : view.getUint32(target, true),
      });
    }
    // A B that is not the second half of a relaxed B<cond> jumps over a pool island.
    const branch = /^b\.n 0x([0-9a-f]+)$/.exec(text);
    if (branch && !/^b(ne|eq)\.n /.test(previous)) {
      islands++;
      skipUntil = parseInt(branch[1], 16);
    }
    previous = text;
  }
  return { loads, islands };
}

const dedupeProgram = batch.add((a) => {
  a.ldrConst(R0, 0x12345678);
  a.ldrConst(R1, 0x12345678);
  a.ldrConst(R2, -1);
  a.ldrConst(R3, 0xffffffff);
  a.ldrConst(R4, { symbol: "table" });
  a.ldrConst(R5, { symbol: "table", addend: 0 });
  a.ldrConst(R6, { symbol: "table", addend: 4 });
  a.bx(LR);
});

const LONG_FUNCTION_ITERATIONS = 150;
const LONG_FUNCTION_NOPS = 9;
const longFunctionLoads: LiteralLoad[] = [];
const longFunction = batch.add((a) => {
  longFunctionLoads.length = 0;
  for (let i = 0; i < LONG_FUNCTION_ITERATIONS; i++) {
    // Every tenth load repeats one constant, so deduplication meets islands.
    const value = i % 10 === 0 ? 0xdeadbeef : (0xcafe0000 + i) >>> 0;
    const register = i % 8;
    a.ldrConst(register, value);
    longFunctionLoads.push({ register, value });
    if (i % 25 === 0) {
      a.ldrConst(register, { symbol: "object", addend: i });
      longFunctionLoads.push({ register, value: `object+${i}` });
    }
    emitNops(a, LONG_FUNCTION_NOPS);
  }
  a.bx(LR);
});

const RELAXING_ITERATIONS = 60;
const relaxingLoads: LiteralLoad[] = [];
let relaxingEnd: Label | undefined;
const relaxingFunction = batch.add((a) => {
  relaxingLoads.length = 0;
  const end = a.newLabel();
  relaxingEnd = end;
  for (let i = 0; i < RELAXING_ITERATIONS; i++) {
    a.bcond("eq", end);
    a.ldrConst(R1, 0x50000000 + i);
    relaxingLoads.push({ register: R1, value: 0x50000000 + i });
    emitNops(a, 20);
  }
  a.bind(end);
  a.bx(LR);
});

// Thumb-2 (ARMv7-M): the 32-bit encodings the armv7m code generator and runtime use.
table("movw", [
  [[R0, 0], "movw r0, #0"],
  [[R7, 0xffff], "movw r7, #65535"],
  [[R12, 0x1234], "movw ip, #4660"],
]);
table("movt", [
  [[R1, 0x8000], "movt r1, #32768"],
  [[R9, 0xabcd], "movt r9, #43981"],
]);
table("movModified", [
  [[R0, 0x100], "mov.w r0, #256"],
  [[R3, 0xff00ff00], "mov.w r3, #4278255360"],
  [[R8, 0x00ab00ab], "mov.w r8, #11206827"],
  [[R2, 0xffffff00], "mvn.w r2, #255"],
  [[R5, 0x7f000000], "mov.w r5, #2130706432"],
]);
table("modified", [
  [["add", false, R0, R1, 0x400], "add.w r0, r1, #1024"],
  [["add", true, R4, R4, 0x3fc], "adds.w r4, r4, #1020"],
  [["sub", true, R2, R7, 0x20000], "subs.w r2, r7, #131072"],
  [["sub", false, R10, R11, 0x00010001], "sub.w sl, fp, #65537"],
  [["and", false, R0, R1, 0xff0], "and.w r0, r1, #4080"],
  [["orr", true, R5, R6, 0x80000000], "orrs.w r5, r6, #2147483648"],
  [["eor", false, R3, R3, 0x300], "eor.w r3, r3, #768"],
  [["bic", false, R0, R0, 1], "bic.w r0, r0, #1"],
]);
table("cmpW", [
  [[R0, 0x4e00], "cmp.w r0, #19968"],
  [[R9, 0x1000], "cmp.w r9, #4096"],
  [[R1, -0x400], "cmn.w r1, #1024"],
]);
table("andW", [
  [[R1, R5, R4], "and.w r1, r5, r4"],
  [[R8, R12, R0], "and.w r8, ip, r0"],
]);
table("cmpShifted", [
  [[R1, R0, "asr", 31], "cmp.w r1, r0, asr #31"],
  [[R9, R2, "lsl", 3], "cmp.w r9, r2, lsl #3"],
  [[R3, R4, "lsr", 32], "cmp.w r3, r4, lsr #32"],
]);
table("addw", [
  [[R0, R1, 4095], "addw r0, r1, #4095"],
  [[R4, SP, 1024], "addw r4, sp, #1024"],
]);
table("subw", [
  [[R2, R3, 1000], "subw r2, r3, #1000"],
]);
table("loadStoreW", [
  [["ldr", R0, R1, 4095], "ldr.w r0, [r1, #4095]"],
  [["str", R8, SP, 2048], "str.w r8, [sp, #2048]"],
  [["ldrb", R2, R3, 200], "ldrb.w r2, [r3, #200]"],
  [["strb", R4, R5, 33], "strb.w r4, [r5, #33]"],
  [["ldrh", R6, R7, 130], "ldrh.w r6, [r7, #130]"],
  [["strh", R0, R12, 64], "strh.w r0, [ip, #64]"],
  [["ldrsb", R1, R2, 3], "ldrsb.w r1, [r2, #3]"],
  [["ldrsh", R3, R4, 6], "ldrsh.w r3, [r4, #6]"],
]);
table("mul", [
  [[R0, R1, R2], "mul.w r0, r1, r2"],
  [[R9, R10, R11], "mul.w r9, sl, fp"],
]);
table("mls", [
  [[R0, R1, R2, R3], "mls r0, r1, r2, r3"],
]);
table("sdiv", [
  [[R0, R1, R2], "sdiv r0, r1, r2"],
  [[R12, R8, R4], "sdiv ip, r8, r4"],
]);
table("udiv", [
  [[R3, R4, R5], "udiv r3, r4, r5"],
]);
table("smull", [
  [[R0, R1, R2, R3], "smull r0, r1, r2, r3"],
]);
table("umull", [
  [[R4, R5, R6, R7], "umull r4, r5, r6, r7"],
]);
table("pushW", [
  [[[R4, R8, LR]], "stmdb sp!, {r4, r8, lr}"],
  [[[R4, R5, R6, R7, R8, R9, R10, R11, LR]], "stmdb sp!, {r4, r5, r6, r7, r8, r9, sl, fp, lr}"],
]);
table("popW", [
  [[[R4, R8, PC]], "ldmia.w sp!, {r4, r8, pc}"],
]);
program("it", "ite lt with movs inside", (a) => {
  a.cmp(R0, R1);
  a.it("lt", "te");
  a.movs(R2, 14);
  a.movs(R2, 10);
}, ["cmp r0, r1", "ite lt", "movlt r2, #14", "movge r2, #10"]);
program("it", "itt ne, ittt eq, itete gt", (a) => {
  a.it("ne", "tt");
  a.mov(R0, R1);
  a.mov(R2, R3);
  a.it("eq", "ttt");
  a.nop();
  a.nop();
  a.nop();
  a.it("gt", "tete");
  a.nop();
  a.nop();
  a.nop();
  a.nop();
}, ["itt ne", "movne r0, r1", "movne r2, r3", "ittt eq", "nopeq", "nopeq", "nopeq", "itete gt", "nopgt", "nople", "nopgt", "nople"]);
program("cbz", "cbz and cbnz forwards, and relaxed when the label is behind or far", (a) => {
  const near = a.newLabel(), back = a.newLabel(), far = a.newLabel();
  a.bind(back);
  a.cbz(R0, near);
  a.cbnz(R7, near);
  a.nop();
  a.bind(near);
  a.cbz(R1, back);
  a.cbnz(R2, far);
  emitNops(a, 100);
  a.bind(far);
}, ["cbz r0, 0x6", "cbnz r7, 0x6", "nop", "cbnz r1, 0xa", "b.n 0x0", "cbz r2, 0xe", "b.n 0xd6", ...nops(100)]);

// Random programs mixing every layout-dependent item (branches that relax in both
// directions, literals that force islands, alignment), checked instruction by instruction.

type RandomOp =
  | { kind: "nop" }
  | { kind: "bind"; label: number }
  | { kind: "b"; label: number }
  | { kind: "bcond"; cond: Cond; label: number }
  | { kind: "bl"; label: number }
  | { kind: "ldr"; register: number; value: number | { symbol: string; addend: number } }
  | { kind: "align" };

/** A seeded generator of numbers in [0, 1), so a failing seed can be replayed. */
function seededRandom(seed: number): () => number {
  const next = mulberry32(seed);
  return () => next() / 2 ** 32;
}

const RANDOM_LABELS = 24;
const RANDOM_OPS = 500;

function randomProgram(seed: number): RandomOp[] {
  const random = seededRandom(seed);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)];
  // Halfwords below 0xb000 so that objdump never reads pool words as a 32-bit or IT
  // instruction that would swallow the code after an island.
  const constants = Array.from({ length: 12 }, (_, k) =>
    (((k * 0x2f13 + 0x101) & 0x7fff) | (((k * 0x1d37 + 0x203) & 0x7fff) << 16)) >>> 0);
  const unbound = Array.from({ length: RANDOM_LABELS }, (_, i) => i);
  const ops: RandomOp[] = [];
  for (let i = 0; i < RANDOM_OPS; i++) {
    const roll = random();
    if (roll < 0.08 && unbound.length > 0) {
      ops.push({ kind: "bind", label: unbound.splice(Math.floor(random() * unbound.length), 1)[0] });
    } else if (roll < 0.18) {
      ops.push({ kind: "b", label: Math.floor(random() * RANDOM_LABELS) });
    } else if (roll < 0.33) {
      ops.push({ kind: "bcond", cond: pick(CONDITIONS), label: Math.floor(random() * RANDOM_LABELS) });
    } else if (roll < 0.36) {
      ops.push({ kind: "bl", label: Math.floor(random() * RANDOM_LABELS) });
    } else if (roll < 0.55) {
      const value = random() < 0.15
        ? { symbol: pick(["alpha", "beta"]), addend: 4 * Math.floor(random() * 3) }
        : pick(constants);
      ops.push({ kind: "ldr", register: Math.floor(random() * 8), value });
    } else if (roll < 0.6) {
      ops.push({ kind: "align" });
    } else {
      // Runs of filler of very different lengths, so distances cross every limit.
      const count = random() < 0.1 ? 30 + Math.floor(random() * 150) : 1 + Math.floor(random() * 8);
      for (let n = 0; n < count; n++) ops.push({ kind: "nop" });
    }
  }
  for (const label of unbound) ops.push({ kind: "bind", label });
  return ops;
}

/** Every bind is followed by "movs r7, #label", so a label never sits right before a branch
 *  to itself and an island's B can never be mistaken for the program's own. */
function emitRandomProgram(a: ThumbAssembler, ops: readonly RandomOp[]): Label[] {
  const labels = Array.from({ length: RANDOM_LABELS }, () => a.newLabel());
  for (const op of ops) {
    switch (op.kind) {
      case "nop": a.nop(); break;
      case "bind": a.bind(labels[op.label]); a.movs(R7, op.label); break;
      case "b": a.b(labels[op.label]); break;
      case "bcond": a.bcond(op.cond, labels[op.label]); break;
      case "bl": a.bl(labels[op.label]); break;
      case "ldr": a.ldrConst(op.register, op.value); break;
      case "align": a.align(4); break;
    }
  }
  a.bx(LR);
  return labels;
}

interface RandomCheck { islands: number; relaxed: number; size: number }

/** Walks the disassembly along the program; throws at the first line that does not match. */
function checkRandomProgram(result: Disassembled, ops: readonly RandomOp[], labels: Label[]): RandomCheck {
  if (result.error) throw result.error;
  const code = result.code!;
  const view = new DataView(code.bytes.buffer, code.bytes.byteOffset, code.bytes.byteLength);
  const relocAt = new Map(code.relocs.map((reloc) => [reloc.offset, reloc]));
  const lines = result.lines;
  const target = (label: number): string => hex(code.labelOffsets.get(labels[label].id)!);
  let index = 0;
  let islands = 0;
  let relaxed = 0;
  const line = (): DisassembledLine => {
    if (index >= lines.length) throw new Error("disassembly ended early");
    return lines[index];
  };
  const take = (...accepted: string[]): string => {
    const { offset, text } = line();
    if (!accepted.includes(text)) {
      throw new Error(`at ${hex(offset)}: expected ${accepted.join(" or ")}, found ${text}`);
    }
    index++;
    return text;
  };
  const matches = (op: RandomOp, text: string, offset: number): boolean => {
    switch (op.kind) {
      case "nop": return text === "nop";
      case "bind": return text === `movs r7, #${op.label}`;
      case "b": return text === `b.n ${target(op.label)}` || text === `bl ${target(op.label)}`;
      case "bl": return text === `bl ${target(op.label)}`;
      case "bcond": return text === `b${op.cond}.n ${target(op.label)}` || text.startsWith(`b${INVERSE[op.cond]}.n `);
      case "ldr": return text.startsWith(`ldr r${op.register}, [pc, #`);
      case "align": return offset % 4 === 0 || text === "nop";
    }
  };
  for (const op of ops) {
    // A B that the program did not ask for jumps over a pool island.
    while (!matches(op, line().text, line().offset)) {
      const island = /^b\.n 0x([0-9a-f]+)$/.exec(line().text);
      if (!island) take("(the next instruction of the program)");
      const end = parseInt(island![1], 16);
      while (line().offset < end) index++;
      islands++;
    }
    const { offset, text } = line();
    switch (op.kind) {
      case "align":
        if (offset % 4 !== 0) take("nop");
        break;
      case "b":
        if (take(text).startsWith("bl ")) relaxed++;
        break;
      case "bcond":
        if (take(text).startsWith(`b${op.cond}.n `)) break;
        relaxed++;
        {
          const next = lines[index];
          const size = next.text.startsWith("bl ") ? 4 : 2;
          if (text !== `b${INVERSE[op.cond]}.n ${hex(next.offset + size)}`) {
            throw new Error(`at ${hex(offset)}: ${text} does not skip exactly the ${next.text} after it`);
          }
          take(`b.n ${target(op.label)}`, `bl ${target(op.label)}`);
        }
        break;
      case "ldr": {
        const pool = Math.floor((offset + 4) / 4) * 4 + Number(/#(\d+)\]$/.exec(text)![1]);
        const reloc = relocAt.get(pool);
        const loaded = reloc ? { symbol: reloc.symbol, addend: reloc.addend } : view.getUint32(pool, true);
        if (JSON.stringify(loaded) !== JSON.stringify(op.value)) {
          throw new Error(`at ${hex(offset)}: ${text} loads ${JSON.stringify(loaded)}, expected ${JSON.stringify(op.value)}`);
        }
        take(text);
        break;
      }
      default:
        take(text);
    }
  }
  take("bx lr");
  return { islands, relaxed, size: code.bytes.length };
}

const RANDOM_SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
const randomPrograms = RANDOM_SEEDS.map((seed) => {
  const ops = randomProgram(seed);
  let labels: Label[] = [];
  const result = batch.add((a) => { labels = emitRandomProgram(a, ops); });
  return { seed, ops, result, labels: () => labels };
});

/** Branches that triple in size after a literal: the pool must be placed by their worst case. */
const GROWING_BRANCHES = 300;
const growingBranchLoads: LiteralLoad[] = [];
const growingBranches = batch.add((a) => {
  growingBranchLoads.length = 0;
  const far = a.newLabel();
  for (let i = 0; i < 4; i++) {
    a.ldrConst(R0, 0x1000 + i);
    growingBranchLoads.push({ register: R0, value: 0x1000 + i });
    for (let n = 0; n < GROWING_BRANCHES / 4; n++) a.bcond("eq", far);
  }
  emitNops(a, 1100); // puts `far` out of reach of B from every branch: each becomes bne + bl
  a.bind(far);
  a.bx(LR);
});

// ---------------------------------------------------------------------------------------

describeWithObjdump("Thumb encodings (checked with arm-none-eabi-objdump)", () => {
  beforeAll(() => batch.run());

  for (const [method, cases] of encodingCases) {
    describe(method, () => {
      for (const testCase of cases) {
        it(testCase.name, () => {
          expect(texts(testCase.result)).toEqual(testCase.expected);
        });
      }
    });
  }

  describe("random programs", () => {
    let totals = { islands: 0, relaxed: 0 };
    for (const program of randomPrograms) {
      it(`seed ${program.seed}: every branch reaches its label and every literal loads its value`, () => {
        const check = checkRandomProgram(program.result, program.ops, program.labels());
        totals = { islands: totals.islands + check.islands, relaxed: totals.relaxed + check.relaxed };
        expect(check.size).toBeGreaterThan(1024);
      });
    }
    it("between them exercise islands and relaxation", () => {
      expect(totals.islands).toBeGreaterThan(RANDOM_SEEDS.length);
      expect(totals.relaxed).toBeGreaterThan(RANDOM_SEEDS.length);
    });
  });

  describe("literal pool", () => {
    it("deduplicates equal constants and symbol references", () => {
      const { loads } = followLiteralLoads(dedupeProgram);
      expect(loads).toEqual([
        { register: 0, value: 0x12345678 },
        { register: 1, value: 0x12345678 },
        { register: 2, value: 0xffffffff },
        { register: 3, value: 0xffffffff },
        { register: 4, value: "table+0" },
        { register: 5, value: "table+0" },
        { register: 6, value: "table+4" },
      ]);
      const code = dedupeProgram.code!;
      const codeSize = 8 * 2;
      expect(code.bytes.length).toBe(codeSize + 4 * 4);
      expect(code.relocs).toEqual([
        { offset: codeSize + 8, kind: "abs32", symbol: "table", addend: 0 },
        { offset: codeSize + 12, kind: "abs32", symbol: "table", addend: 4 },
      ]);
    });

    it("keeps every constant in reach of a function longer than 1 KB by placing islands", () => {
      const { loads, islands } = followLiteralLoads(longFunction);
      expect(longFunction.code!.bytes.length).toBeGreaterThan(3 * 1024);
      expect(islands).toBeGreaterThanOrEqual(3);
      expect(loads).toEqual(longFunctionLoads);
    });

    it("keeps a literal in reach when the branches after it triple in size", () => {
      const { loads } = followLiteralLoads(growingBranches);
      expect(loads).toEqual(growingBranchLoads);
      const relaxed = growingBranches.lines.filter(({ text }) => text.startsWith("bl ")).length;
      expect(relaxed).toBe(GROWING_BRANCHES);
    });

    it("keeps constants in reach while branches around them relax", () => {
      const { loads } = followLiteralLoads(relaxingFunction);
      expect(loads).toEqual(relaxingLoads);

      const end = relaxingFunction.code!.labelOffsets.get(relaxingEnd!.id)!;
      const lines = relaxingFunction.lines;
      const forms = { short: 0, overB: 0, overBl: 0 };
      lines.forEach(({ offset, text }, i) => {
        if (text === `beq.n ${hex(end)}`) forms.short++;
        if (!text.startsWith("bne.n ")) return;
        const next = lines[i + 1];
        // The inverted branch lands right after the B or BL it skips.
        const nextSize = next.text.startsWith("bl ") ? 4 : 2;
        expect(text).toBe(`bne.n ${hex(next.offset + nextSize)}`);
        expect([`b.n ${hex(end)}`, `bl ${hex(end)}`]).toContain(next.text);
        if (nextSize === 4) forms.overBl++;
        else forms.overB++;
      });
      expect(forms.short + forms.overB + forms.overBl).toBe(RELAXING_ITERATIONS);
      expect(forms.short).toBeGreaterThan(0);
      expect(forms.overB).toBeGreaterThan(0);
      expect(forms.overBl).toBeGreaterThan(0);
    });
  });
});

// ---------------------------------------------------------------------------------------
// Behaviour that needs no disassembler.

function assemble(build: (a: ThumbAssembler) => void): AssembledCode {
  const a = createAssembler();
  build(a);
  return a.finish();
}

describe("Thumb assembler without objdump", () => {
  it("places the literal pool word-aligned after the code", () => {
    const odd = assemble((a) => { a.ldrConst(R0, 0x11223344); a.bx(LR); a.nop(); });
    // 6 bytes of code, 2 of padding, then the word.
    expect([...odd.bytes.slice(8)]).toEqual([0x44, 0x33, 0x22, 0x11]);
    const even = assemble((a) => { a.ldrConst(R0, 0x11223344); a.bx(LR); });
    expect(even.bytes.length).toBe(8);
    expect([...even.bytes.slice(4)]).toEqual([0x44, 0x33, 0x22, 0x11]);
  });

  it("emits words, halfwords and alignment padding little-endian", () => {
    const code = assemble((a) => {
      a.nop();
      a.align(4);
      a.word(0x11223344);
      a.half(0xbeef);
      a.half(-1);
      a.word(-2);
      a.align(2);
      a.word({ symbol: "handler", addend: 1 });
    });
    expect([...code.bytes]).toEqual([
      0x00, 0xbf, 0x00, 0xbf,
      0x44, 0x33, 0x22, 0x11,
      0xef, 0xbe, 0xff, 0xff,
      0xfe, 0xff, 0xff, 0xff,
      0, 0, 0, 0,
    ]);
    expect(code.relocs).toEqual([{ offset: 16, kind: "abs32", symbol: "handler", addend: 1 }]);
  });

  it("emits a thumb-call reloc for bl to a symbol", () => {
    const code = assemble((a) => { a.push([LR]); a.bl("helper"); a.pop([PC]); });
    expect(code.relocs).toEqual([{ offset: 2, kind: "thumb-call", symbol: "helper", addend: 0 }]);
    expect([...code.bytes.slice(2, 6)]).toEqual([0, 0, 0, 0]);
  });

  it("reports label offsets after relaxation", () => {
    const labels: Label[] = [];
    const code = assemble((a) => {
      const [start, middle, end, unused] = [a.newLabel(), a.newLabel(), a.newLabel(), a.newLabel()];
      labels.push(start, middle, end, unused);
      a.bind(start);
      a.nop();
      a.bcond("ne", end); // 300 bytes away: grows to 4 bytes
      a.bind(middle);
      emitNops(a, 150);
      a.bind(end);
      a.b(start);
    });
    expect(code.labelOffsets).toEqual(new Map([[labels[0].id, 0], [labels[1].id, 6], [labels[2].id, 306]]));
  });

  it("lists source lines where the position changes, at offsets after relaxation", () => {
    const file = "app.ts";
    const code = assemble((a) => {
      const end = a.newLabel();
      a.setSource({ file, line: 1, column: 1 });
      a.movs(R0, 1);
      a.bcond("eq", end); // grows from 2 to 4 bytes
      a.setSource({ file, line: 2, column: 3 });
      a.setSource({ file, line: 3, column: 3 }); // replaces line 2: nothing was emitted for it
      emitNops(a, 150);
      a.setSource({ file, line: 3, column: 3 }); // unchanged: no entry
      a.nop();
      a.setSource(undefined);
      a.nop();
      a.setSource({ file, line: 4, column: 5 });
      a.bind(end);
      a.ldrConst(R1, 0x12345678);
      a.setSource({ file, line: 9, column: 1 }); // nothing follows: no entry
    });
    expect(code.lines).toEqual([
      { offset: 0, file, line: 1, column: 1 },
      { offset: 6, file, line: 3, column: 3 },
      { offset: 6 + 302 + 2, file, line: 4, column: 5 },
    ]);
  });

  it("assembles the same code twice from the same calls", () => {
    const build = (a: ThumbAssembler): void => {
      const loop = a.newLabel();
      a.bind(loop);
      a.ldrConst(R0, 42);
      a.subs(R0, R0, { imm: 1 });
      a.bcond("ne", loop);
    };
    expect(assemble(build).bytes).toEqual(assemble(build).bytes);
  });
});

// ---------------------------------------------------------------------------------------
// Invalid operands: [what, emit, expected message].

type InvalidCase = [string, (a: ThumbAssembler) => void, RegExp];

const invalidCases: InvalidCase[] = [
  ["movs high register", (a) => a.movs(R8, 0), /^movs: rd must be a low register \(r0-r7\), got r8/],
  ["movs immediate 256", (a) => a.movs(R0, 256), /^movs: immediate must be an integer in 0\.\.255, got 256/],
  ["movs immediate -1", (a) => a.movs(R0, -1), /^movs: immediate .* got -1/],
  ["movs fractional immediate", (a) => a.movs(R0, 1.5), /^movs: immediate .* got 1\.5/],
  ["movs register 16", (a) => a.movsReg(R0, 16), /^movs: rm .* got 16/],
  ["mov register 16", (a) => a.mov(16, R0), /^mov: rd must be a register r0-r15, got 16/],
  ["adds imm3 out of range", (a) => a.adds(R0, R1, { imm: 8 }), /^adds: immediate must be an integer in 0\.\.7 \(or 0\.\.255 when rd equals rn\), got 8/],
  ["adds imm8 out of range", (a) => a.adds(R0, R0, { imm: 256 }), /^adds: immediate .* 0\.\.255, got 256/],
  ["adds negative immediate", (a) => a.adds(R0, R0, { imm: -1 }), /^adds: immediate .* got -1/],
  ["adds high register", (a) => a.adds(R0, R9, R1), /^adds: rn must be a low register .* got r9/],
  ["subs high rm", (a) => a.subs(R0, R1, R12), /^subs: rm .* got r12/],
  ["add pc, pc", (a) => a.add(PC, PC), /^add: rdn and rm must not both be pc/],
  ["add sp 510 (not a multiple of 4)", (a) => a.addSp(510), /^add sp: immediate must be a multiple of 4 in 0\.\.508, got 510/],
  ["add sp 512", (a) => a.addSp(512), /^add sp: .* got 512/],
  ["sub sp -4", (a) => a.subSp(-4), /^sub sp: .* got -4/],
  ["add rd, sp 1024", (a) => a.addRdSp(R0, 1024), /^add: immediate must be a multiple of 4 in 0\.\.1020, got 1024/],
  ["add rd, sp high rd", (a) => a.addRdSp(R8, 0), /^add: rd .* got r8/],
  ["ands high register", (a) => a.ands(R0, R8), /^ands: rm .* got r8/],
  ["muls high rdm", (a) => a.muls(LR, R0), /^muls: rdm .* got lr/],
  ["cmp immediate 256", (a) => a.cmp(R0, { imm: 256 }), /^cmp: immediate .* got 256/],
  ["cmp high register with immediate", (a) => a.cmp(R8, { imm: 1 }), /^cmp: rn must be a low register .* got r8/],
  ["cmp pc", (a) => a.cmp(PC, R0), /^cmp: rn must be one of .* got pc/],
  ["lsls by 32", (a) => a.lsls(R0, R1, 32), /^lsls: shift must be an integer in 0\.\.31, got 32/],
  ["lsrs by 0", (a) => a.lsrs(R0, R1, 0), /^lsrs: shift must be an integer in 1\.\.32, got 0/],
  ["asrs by 33", (a) => a.asrs(R0, R1, 33), /^asrs: shift .* got 33/],
  ["rev high register", (a) => a.rev(R10, R0), /^rev: rd .* got r10/],
  ["ldr unaligned offset", (a) => a.ldr(R0, R1, { imm: 2 }), /^ldr: offset must be a multiple of 4 in 0\.\.124, got 2/],
  ["ldr offset 128", (a) => a.ldr(R0, R1, { imm: 128 }), /^ldr: offset .* got 128/],
  ["ldr sp offset 1024", (a) => a.ldr(R0, SP, { imm: 1024 }), /^ldr: offset must be a multiple of 4 in 0\.\.1020, got 1024/],
  ["ldr sp with register offset", (a) => a.ldr(R0, SP, R1), /^ldr: sp as base register only takes an immediate offset/],
  ["ldr from pc", (a) => a.ldr(R0, PC, { imm: 0 }), /^ldr: rn must be a low register \(r0-r7\) or sp, got pc/],
  ["str high rt", (a) => a.str(R8, R0, { imm: 0 }), /^str: rt .* got r8/],
  ["ldrb offset 32", (a) => a.ldrb(R0, R1, { imm: 32 }), /^ldrb: offset must be an integer in 0\.\.31, got 32/],
  ["ldrb from sp", (a) => a.ldrb(R0, SP, { imm: 0 }), /^ldrb: rn must be a low register \(r0-r7\), got sp/],
  ["ldrh odd offset", (a) => a.ldrh(R0, R1, { imm: 1 }), /^ldrh: offset must be a multiple of 2 in 0\.\.62, got 1/],
  ["strh offset 64", (a) => a.strh(R0, R1, { imm: 64 }), /^strh: offset .* got 64/],
  ["ldrsb high rm", (a) => a.ldrsb(R0, R1, R8), /^ldrsb: rm .* got r8/],
  ["ldrConst high register", (a) => a.ldrConst(R8, 1), /^ldr: rt .* got r8/],
  ["ldrConst 2^32", (a) => a.ldrConst(R0, 2 ** 32), /^ldr: value must be a 32-bit integer/],
  ["ldrConst empty symbol", (a) => a.ldrConst(R0, { symbol: "" }), /^ldr: expected a number or \{ symbol, addend\? \}/],
  ["push empty list", (a) => a.push([]), /^push: the register list must not be empty/],
  ["push pc", (a) => a.push([R0, PC]), /^push: the register list may only hold r0-r7 and lr, got pc/],
  ["push r8", (a) => a.push([R8]), /^push: .* got r8/],
  ["push duplicate", (a) => a.push([R1, R1]), /^push: r1 appears twice/],
  ["pop lr", (a) => a.pop([LR]), /^pop: the register list may only hold r0-r7 and pc, got lr/],
  ["ldm high base", (a) => a.ldm(R8, [R0]), /^ldm: rn .* got r8/],
  ["ldm lr in list", (a) => a.ldm(R0, [R1, LR]), /^ldm: the register list may only hold r0-r7, got lr/],
  ["stm base not lowest in list", (a) => a.stm(R1, [R0, R1]), /^stm: rn \(r1\) may only be in the register list if it is the lowest/],
  ["bx pc", (a) => a.bx(PC), /^bx: rm must be one of r0, .* lr, got pc/],
  ["blx pc", (a) => a.blx(PC), /^blx: rm .* got pc/],
  ["svc 256", (a) => a.svc(256), /^svc: immediate .* got 256/],
  ["bkpt -1", (a) => a.bkpt(-1), /^bkpt: immediate .* got -1/],
  ["udf 1.5", (a) => a.udf(1.5), /^udf: immediate .* got 1\.5/],
  ["mrs into sp", (a) => a.mrs(SP, "primask"), /^mrs: rd must be one of .* got sp/],
  ["mrs unknown register", (a) => a.mrs(R0, "basepri" as "primask"), /^mrs: special register must be one of .* got "basepri"/],
  ["msr from pc", (a) => a.msr("control", PC), /^msr: rn .* got pc/],
  ["msr to ipsr", (a) => a.msr("ipsr" as "apsr", R0), /^msr: special register must be one of apsr, msp, psp, primask, control, got "ipsr"/],
  ["bcond al", (a) => a.bcond("al" as Cond, a.newLabel()), /^bcond: cond must be one of eq, .* got "al"/],
  ["bl empty symbol", (a) => a.bl(""), /^bl: the target symbol name is empty/],
  ["align 3", (a) => a.align(3 as 4), /^align: bytes must be 2 or 4, got 3/],
  ["word 2^32", (a) => a.word(2 ** 32), /^\.word: value must be a 32-bit integer/],
  ["half 65536", (a) => a.half(65536), /^\.half: value must be a 16-bit integer/],
  ["bind twice", (a) => { const l = a.newLabel(); a.bind(l); a.bind(l); }, /^bind: label L0 is already bound/],
  ["label from another assembler", (a) => a.b(createAssembler().newLabel()), /^b: label .* was not created by this assembler/],
  ["label never bound", (a) => { a.bcond("eq", a.newLabel()); a.finish(); }, /^beq: label L0 is used but never bound/],
  ["adr to an unaligned label", (a) => {
    const l = a.newLabel();
    a.adr(R0, l);
    a.bind(l);
    a.finish();
  }, /^adr: label L0 is at offset 2, which is not word-aligned \(call align\(4\) before bind\)/],
  ["adr backwards", (a) => {
    const l = a.newLabel();
    a.bind(l);
    a.nop();
    a.nop();
    a.adr(R0, l);
    a.finish();
  }, /^adr: label L0 is -8 bytes from Align\(PC, 4\); adr reaches 0\.\.1020 forwards/],
  ["adr beyond 1020", (a) => {
    const l = a.newLabel();
    a.adr(R0, l);
    emitNops(a, 513);
    a.align(4);
    a.bind(l);
    a.finish();
  }, /^adr: label L0 is 1024 bytes/],
  ["an instruction after finish", (a) => { a.finish(); a.nop(); }, /finish\(\) was already called/],
  ["a label after finish", (a) => { a.finish(); a.newLabel(); }, /^newLabel: finish\(\) was already called/],
];

describe("Thumb-2 assembler without objdump", () => {
  it("never places a literal pool island inside an IT block", () => {
    // However far the pending literal is, the IT halfword is followed by its two MOVS.
    for (let filler = 0; filler < 560; filler += 1) {
      const a = createThumb2Assembler();
      a.ldrConst(R0, 0x12345678);
      emitNops(a, filler);
      a.it("lt", "te");
      a.movs(R1, 14);
      a.movs(R1, 10);
      a.bx(LR);
      const code = a.finish();
      const halves = Array.from({ length: code.bytes.length / 2 }, (_, i) => code.bytes[2 * i] | (code.bytes[2 * i + 1] << 8));
      const at = halves.indexOf(0xbfb4);
      expect(halves.slice(at, at + 3), `filler ${filler}`)
        .toEqual([0xbfb4, 0x210e, 0x210a]);
    }
  });
});

describe("invalid operands throw, naming the instruction and the operand", () => {
  for (const [what, emit, message] of invalidCases) {
    it(what, () => {
      expect(() => emit(createAssembler())).toThrow(message);
    });
  }
});
