// The mote IR: per function, a control-flow graph of basic blocks over virtual registers.
//
// Every virtual register holds one 32-bit word. Most hold JavaScript values in the tagged
// representation (see ../values.ts); `raw` registers hold untagged machine words (addresses
// and register contents inside intrinsics). Operations carry JavaScript semantics where they
// say so (`num.*`), so the back end can choose a fast path and a slow path per target.
// Every operation has a source position: they become the DWARF line table and the frames
// of crash reports.

import type { SourcePos } from "../asm/types.ts";
import type { TypedElement } from "../lower/types.ts";

export type VReg = number;

/** Parameters a function may declare, and arguments a call may pass (frames address their
 *  stack words with immediate offsets). */
export const MAX_PARAMETERS = 32;
export const MAX_ARGUMENTS = 64;

export interface VRegInfo {
  /** Known to be a small integer whenever it is read (set by lowering and the int pass). */
  smallInt: boolean;
  /** Holds an untagged machine word. */
  raw: boolean;
  /** A named local variable (several definitions) or a temporary (one definition). */
  name?: string;
}

export type NumOp = "add" | "sub" | "mul" | "div" | "idiv" | "mod" | "and" | "or" | "xor" | "shl" | "sar" | "shr";
export type CmpOp = "lt" | "le" | "gt" | "ge" | "eq" | "ne";

/** What the range analysis proved about an operation (sdk/compiler/passes/ranges.ts). */
export interface Proof {
  smallA: boolean;
  smallB: boolean;
  smallResult: boolean;
  /** Element access: the index is inside the array (no bounds check). */
  inBounds?: boolean;
}

/*
 * The value-call convention: calls through a function value or a method table, where the
 * caller does not know which function it reaches (call-indirect, call-method, call-code).
 * `args` are the arguments as written, any number of them. r0 holds the receiver (the closure
 * or `this`), r1-r3 the first three arguments (undefined where the call has fewer). When the
 * program counts arguments (IrProgram.countsArguments), the first outgoing stack word is the
 * number of arguments passed (a small integer) and the arguments after the third follow it;
 * otherwise no function reads more than three and the rest are not passed. A function reached
 * this way that declares more than three parameters or a rest parameter takes the count as
 * its fifth parameter (IrFunction.argumentCount, the first stack word), so a parameter the
 * call did not pass is undefined and a rest parameter gets exactly the arguments passed.
 */
export type Inst = (InstBody & { proof?: Proof });
type InstBody =
  /** dst = a raw 32-bit word (a tagged value's bits, or a raw number for raw registers). */
  | { op: "const"; dst: VReg; word: number; pos?: SourcePos }
  /** dst = address of a linker symbol + addend (a pointer value, or raw). */
  | { op: "symbol"; dst: VReg; symbol: string; addend: number; pos?: SourcePos }
  | { op: "move"; dst: VReg; src: VReg; pos?: SourcePos }
  /** JavaScript number operation on small integers; a result outside the small-int range
   *  (or one that needs a double: fractions, -0, NaN) stops with a runtime error. */
  | { op: "num"; kind: NumOp; dst: VReg; a: VReg; b: VReg; pos: SourcePos }
  | { op: "neg" | "bitnot"; dst: VReg; a: VReg; pos: SourcePos }
  /** dst = boolean value of a comparison. `numeric`: signed compare of small ints;
   *  otherwise word (identity) comparison, valid only for eq/ne. */
  | { op: "cmp"; kind: CmpOp; numeric: boolean; dst: VReg; a: VReg; b: VReg; pos: SourcePos }
  /** Direct call of a compiled function or runtime helper. `smallArgs`: which arguments the
   *  range analysis proved small integers (passes/ranges.ts). */
  /** `newArray`: the call returns a new array whose length is its first argument (arrays only
   *  grow in this language step, so that length is a lower bound forever). */
  | { op: "call"; dst: VReg | undefined; callee: string; args: VReg[]; pos: SourcePos; newArray?: boolean; smallArgs?: boolean[] }
  /** Call of a function value (the value-call convention, below; the closure is its receiver). */
  | { op: "call-indirect"; dst: VReg; fn: VReg; args: VReg[]; pos: SourcePos }
  /** Call of a method through the object's method table (the value-call convention; `this`
   *  is the receiver). `name` is the slot's method-table name ("m", "get x", "set x"): the
   *  linker keeps a class's method only when some function it keeps calls that name
   *  (passes/method-uses.ts, link/reachable.ts). */
  | { op: "call-method"; dst: VReg; object: VReg; slot: number; name: string; args: VReg[]; pos: SourcePos }
  /** Call of a method whose code address (bit 0 set) is a value found at run time, or a
   *  method's symbol (the value-call convention; `this` is the receiver). */
  | { op: "call-code"; dst: VReg; code: VReg; object: VReg; args: VReg[]; pos: SourcePos }
  /** The address (raw) of the first argument a value call passed on the stack, after the
   *  count: where a rest parameter's elements beyond the third argument are. */
  | { op: "arguments-address"; dst: VReg; pos?: SourcePos }
  /** Raw memory access at base + offset (base: a pointer value or a raw address). */
  | { op: "load"; dst: VReg; base: VReg; offset: number; width: 8 | 16 | 32; pos?: SourcePos }
  | { op: "store"; base: VReg; offset: number; src: VReg; width: 8 | 16 | 32; pos?: SourcePos }
  /** Conversions between tagged small integers and raw words. `tag` stops with a runtime
   *  error when the raw word does not fit a small integer. */
  /** `number`: the value may be any number (a boxed one too: an address of 2^30 or more, a
   *  register value with bit 31 set), whose ToInt32 word it gives; anything else stops. */
  | { op: "untag"; dst: VReg; src: VReg; number?: boolean; pos?: SourcePos }
  /** dst = a + b on raw words (address arithmetic; wraps, never checked). */
  | { op: "raw-add"; dst: VReg; a: VReg; b: VReg; pos?: SourcePos }
  /** dst = a & mask on raw words. */
  | { op: "raw-and"; dst: VReg; a: VReg; mask: number; pos?: SourcePos }
  /** `max`: the raw word is known to lie in [0, max] (a byte, a length), so it is a small
   *  integer with no check. */
  | { op: "tag"; dst: VReg; src: VReg; max?: number; pos?: SourcePos }
  /** Pointer value <-> number (address). */
  | { op: "addr-of" | "object-at"; dst: VReg; src: VReg; pos?: SourcePos }
  /** Array element access with JS semantics: out of range reads give undefined, writes
   *  past the end go through the runtime (which grows the array). */
  | { op: "elem-get"; dst: VReg; array: VReg; index: VReg; pos: SourcePos }
  | { op: "elem-set"; array: VReg; index: VReg; src: VReg; pos: SourcePos }
  /** ReferenceError unless the word is initialised (word 0 marks a variable whose
   *  declaration has not run yet). */
  | { op: "check-initialized"; src: VReg; pos: SourcePos }
  /** Typed array element access (JS semantics: outside the array a read is undefined and a
   *  write is ignored; stores keep the low bits of the int32 value). */
  /** `data`: a raw register holding the array's data address, loaded before the loop
   *  (passes/loop-invariants.ts); with the index proven inside, the code reads only it. */
  | { op: "typed-get"; dst: VReg; array: VReg; index: VReg; element: TypedElement; pos: SourcePos; data?: VReg }
  | { op: "typed-set"; array: VReg; index: VReg; src: VReg; element: TypedElement; pos: SourcePos; data?: VReg }
  /** dst (raw) = the data address of a typed array, read ahead of the accesses that use it:
   *  loaded only when the value is word-aligned (an object), else left unspecified. */
  | { op: "typed-data"; dst: VReg; array: VReg; pos?: SourcePos }
  /** Checks that a value typed `number` is a small integer; stops otherwise. */
  | { op: "check-int"; src: VReg; pos: SourcePos }
  /** dst = boolean: is the value a small int / an object pointer. */
  | { op: "is-int" | "is-object"; dst: VReg; src: VReg; pos?: SourcePos }
  /** Leaves a try block normally: its handler record (`record`) comes off the chain. */
  | { op: "try-exit"; record: number; pos?: SourcePos }
  /** First instruction of a handler block: the thrown value (arrives in r0). */
  | { op: "catch-value"; dst: VReg; pos?: SourcePos }
  /** Runtime error with a panic code; the position names the offending expression. */
  | { op: "panic"; code: number; pos: SourcePos }
  /** Unboxed doubles (passes/unboxed-doubles.ts): numbers held as IEEE doubles in 8-byte
   *  cells of the frame (IrFunction.doubleCells), numbered from 0; no virtual register holds
   *  them, so the allocator never sees a double. Each calls the soft-float routines. */
  /** cell `to` = cell `x` op cell `y` (JavaScript's + - * / %), or a copy of `x`. */
  | { op: "f64-op"; kind: F64Op; to: number; x: number; y?: number; pos?: SourcePos }
  /** cell `to` = ToNumber(src), a value typed number (undefined, an element read past the
   *  end, is NaN). */
  | { op: "f64-load"; to: number; src: VReg; pos?: SourcePos }
  /** dst = the value of cell `from`: a small integer when it is one (not -0), else boxed. */
  | { op: "f64-box"; dst: VReg; from: number; pos?: SourcePos }
  /** dst = boolean: cell `x` compared with cell `y` (false when either is NaN, except ne).
   *  `branches`: the block's last instruction, dst read only by its branch (flags suffice). */
  | { op: "f64-cmp"; kind: CmpOp; dst: VReg; x: number; y: number; branches?: boolean; pos?: SourcePos };

export type F64Op = "add" | "sub" | "mul" | "div" | "mod" | "copy";

export type Truthiness = "boolean" | "number" | "string" | "object" | "nullish" | "any";

export type Terminator =
  | { op: "jump"; target: Block }
  | { op: "branch"; kind: "cmp"; cmp: CmpOp; numeric: boolean; a: VReg; b: VReg; then: Block; else: Block; pos?: SourcePos; proof?: Proof }
  | { op: "branch"; kind: "truthy"; test: Truthiness; value: VReg; then: Block; else: Block; pos?: SourcePos }
  | { op: "return"; value: VReg | undefined; pos?: SourcePos }
  /** Enters a try block: pushes handler record `record` (in the frame) for `handler`, then
   *  continues in `body`. A throw anywhere inside reaches `handler` with the value. */
  | { op: "try"; record: number; body: Block; handler: Block; pos?: SourcePos }
  | { op: "unreachable" };

export interface Block {
  id: number;
  insts: Inst[];
  term: Terminator;
}

export interface IrFunction {
  /** Linker symbol. */
  symbol: string;
  /** Name shown in backtraces. */
  displayName: string;
  /** Source module (for the size report and DWARF). */
  module: string;
  params: VReg[];
  blocks: Block[];
  vregs: VRegInfo[];
  pos: SourcePos;
  /** Does this function return a value known to be a small integer (int pass). */
  returnsSmallInt: boolean;
  /** Handler records (try blocks) in the frame; such functions keep variables in memory. */
  tryRecords?: number;
  /** Checks on entry that the stack has not reached its limit (passes/stack-checks.ts). */
  checksStack?: boolean;
  /** Where it checks, when not on entry: at the start of these blocks (ids), each the first
   *  on its paths to call out (passes/stack-checks.ts). */
  stackCheckBlocks?: number[];
  /** Reached by value calls and reads the argument count: the parameter holding it (a small
   *  integer; see the value-call convention above). */
  argumentCount?: VReg;
  /** 8-byte frame cells holding unboxed doubles (the f64-* operations). */
  doubleCells?: number;
  /** The program's own code: how err.stack names a frame of it (lower/error-stacks.ts); the
   *  code generator then lists its calls (Chunk.stackFrames). */
  stackFrame?: StackFrame;
}

/** A function's frames in err.stack: `at name (file:line:col)`, or `at file:line:col` when
 *  name is empty (top-level code, anonymous functions). `hidden`: a frame of the compiler's
 *  making (an async function's starter, a function value's adapter), left out of the stack;
 *  `stop`: one V8 names in a way the program's text does not settle, which ends the stack.
 *  `byCaller`: a function V8 names by how it is called (`K.f [as handler]` through a property,
 *  `Timeout._onTimeout` from a timer), shown only when its caller is the program's own plain
 *  call; `resumed`: also shown when a promise job or next() resumes it (no caller of the
 *  program's), as V8 names an async function or generator declaration there. */
export interface StackFrame { name: string; file: string; kind?: "hidden" | "stop"; byCaller?: boolean; resumed?: boolean }

export interface IrGlobal {
  symbol: string;
  /** Initial word (a tagged constant); undefined when initialised by module code. */
  initial: number;
  module: string;
  name: string;
  /** Initial word is the address of this symbol instead (a string literal in flash). */
  initialSymbol?: string;
}

/** Read-only data: string literals, descriptors. */
export interface IrData {
  symbol: string;
  bytes: Uint8Array;
  /** Word-sized relocations inside the data (descriptor pointers). `method`: a method-table
   *  slot of that name, linked only if a kept function calls a method of that name. */
  relocs: { offset: number; symbol: string; addend: number; method?: string }[];
  module: string;
  align: number;
}

export interface IrProgram {
  functions: IrFunction[];
  globals: IrGlobal[];
  data: IrData[];
  /** The function run at reset after the runtime's own start-up (calls every module's init). */
  entry: string;
  /** The program can make arrays shorter, so a length seen once is not a lower bound. */
  arraysShrink?: boolean;
  /** The program has doubles (sdk/compiler/lower/doubles.ts): numbers may be fractions, -0,
   *  NaN or ±Infinity, and the port links its floating-point runtime. */
  doubles: boolean;
  /** Some function reached by value calls reads the argument count, so every value call
   *  passes it (the value-call convention above). */
  countsArguments?: boolean;
}

export function newBlock(fn: IrFunction): Block {
  const block: Block = { id: fn.blocks.length, insts: [], term: { op: "unreachable" } };
  fn.blocks.push(block);
  return block;
}

export function newVReg(fn: IrFunction, info: Partial<VRegInfo> = {}): VReg {
  fn.vregs.push({ smallInt: false, raw: false, ...info });
  return fn.vregs.length - 1;
}

/** Registers an instruction reads. */
export function uses(inst: Inst): VReg[] {
  switch (inst.op) {
    case "const": case "symbol": case "panic": case "try-exit": case "catch-value": case "arguments-address": return [];
    case "f64-op": case "f64-box": case "f64-cmp": return [];
    case "f64-load": return [inst.src];
    case "raw-and": return [inst.a];
    case "move": case "untag": case "tag": case "addr-of": case "object-at":
    case "is-int": case "is-object": return [inst.src];
    case "check-int": case "check-initialized": return [inst.src];
    case "num": case "cmp": case "raw-add": return [inst.a, inst.b];
    case "neg": case "bitnot": return [inst.a];
    case "call": return inst.args;
    case "call-indirect": return [inst.fn, ...inst.args];
    case "call-method": return [inst.object, ...inst.args];
    case "call-code": return [inst.code, inst.object, ...inst.args];
    case "load": return [inst.base];
    case "store": return [inst.base, inst.src];
    case "elem-get": return [inst.array, inst.index];
    case "elem-set": return [inst.array, inst.index, inst.src];
    case "typed-get": return typedOperands(inst, [inst.index]);
    case "typed-set": return typedOperands(inst, [inst.index, inst.src]);
    case "typed-data": return [inst.array];
  }
}

/** A typed access reads its array, and the data address when one was loaded ahead. The
 *  array stays live even where the code reads only the address: the collector keeps a
 *  block alive only for its object's own address (sdk/lib/rt/heap.ts), never for an address
 *  inside its bytes, so the view must be a root while its elements are written. */
function typedOperands(inst: Extract<Inst, { op: "typed-get" | "typed-set" }>, rest: VReg[]): VReg[] {
  return inst.data === undefined ? [inst.array, ...rest] : [inst.array, inst.data, ...rest];
}

/** The register an instruction writes, if any. */
export function def(inst: Inst): VReg | undefined {
  switch (inst.op) {
    case "store": case "elem-set": case "typed-set": case "check-int": case "check-initialized": case "panic": case "try-exit": return undefined;
    case "f64-op": case "f64-load": return undefined;
    case "call": return inst.dst;
    default: return inst.dst;
  }
}

export function termUses(term: Terminator): VReg[] {
  switch (term.op) {
    case "branch": return term.kind === "cmp" ? [term.a, term.b] : [term.value];
    case "return": return term.value === undefined ? [] : [term.value];
    default: return [];
  }
}

export function successors(term: Terminator): Block[] {
  switch (term.op) {
    case "jump": return [term.target];
    case "branch": return [term.then, term.else];
    case "try": return [term.body, term.handler];
    default: return [];
  }
}

/** Does executing this instruction call out (clobbering r0-r3, r12, lr)? */
export function mayCall(inst: Inst): boolean {
  return inst.op === "call" || inst.op === "call-indirect" || inst.op === "call-method" || inst.op === "call-code"
    || inst.op.startsWith("f64-");
}
