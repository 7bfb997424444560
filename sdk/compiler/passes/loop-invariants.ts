// Loop-invariant values computed once, before the loop: the constants a loop uses that take
// more than one 16-bit instruction to build (a loop bound of 20001 is a MOVW or a literal load
// at every test), and the data address of a typed array the loop indexes (a load from the
// view's header at every element access).
//
// A value is hoisted out of the outermost loop it is invariant in (a data address only out of
// a loop that calls no function, see `calls` below), to the end of the loop
// header's immediate dominator (which every entry into the loop passes, and which is outside
// the loop). Constants in one loop nest with the same word become one register, the one of the
// same constant built before the loop when there is one. The register allocator spills a
// hoisted constant first and rebuilds it where it is read when it finds no register
// (ports/armv6m/codegen/regalloc.ts), so a loop costs no more than it did.
//
// The view itself stays live through the loop (ir.ts, typedOperands): the collector keeps
// its buffer alive only through it, never through an address inside the bytes.
//
// A typed array's data address never changes after construction (sdk/lib/rt/typed-arrays.ts
// writes it once), so it is invariant wherever the array's register is not assigned. The load
// before the loop is speculative: the loop may not run, and the register may hold any value
// of the variable's type there. `typed-data` therefore loads only from a word-aligned value (an
// object's address; small integers are odd, undefined/null/booleans are 2 mod 4) and leaves
// the register unused otherwise: the element accesses that read it run only on a typed array.

import { type Block, type Inst, type IrFunction, type IrProgram, type Terminator, type VReg, def, mayCall, newVReg, successors } from "../ir/ir.ts";

export function hoistLoopInvariants(program: IrProgram): void {
  for (const fn of program.functions) hoistInFunction(fn);
}

interface Loop {
  header: Block;
  blocks: Set<Block>;
}

/** A constant needs more than one 16-bit instruction to build (MOVS, or MOVS and MVNS). */
function costlyConstant(word: number): boolean {
  const w = word >>> 0;
  return w > 255 && (~w >>> 0) > 255;
}

function hoistInFunction(fn: IrFunction): void {
  // With try blocks, values live in memory across handlers (regalloc.ts): leave those alone.
  if ((fn.tryRecords ?? 0) > 0) return;
  const idom = immediateDominators(fn);
  const dominates = (a: Block, b: Block): boolean => {
    for (let x: Block | undefined = b; x; x = idom.get(x)) if (x === a) return true;
    return false;
  };
  const loops = naturalLoops(fn, dominates);
  if (loops.length === 0) return;
  // Outermost first: a value leaves the largest loop it is invariant in.
  loops.sort((x, y) => y.blocks.size - x.blocks.size);

  const defBlocks = new Map<VReg, Block[]>();
  const defCount = new Array<number>(fn.vregs.length).fill(0);
  for (const p of fn.params) defCount[p]++;
  for (const b of fn.blocks) {
    for (const inst of b.insts) {
      const d = def(inst);
      if (d === undefined) continue;
      defCount[d]++;
      defBlocks.set(d, [...(defBlocks.get(d) ?? []), b]);
    }
  }
  const definedIn = (v: VReg, loop: Loop) => (defBlocks.get(v) ?? []).some((b) => loop.blocks.has(b));
  /** Where a value hoisted out of `loop` is computed, if the loop has such a place. */
  const landing = (loop: Loop): Block | undefined => {
    const p = idom.get(loop.header);
    return p && !loop.blocks.has(p) ? p : undefined;
  };

  /** The same constant already built where the loop is entered or on every path to it (a
   *  rotated loop's first test): its register serves the loop too. */
  const existingConstant = (at: Block, word: number, raw: boolean): VReg | undefined => {
    for (let b: Block | undefined = at; b; b = idom.get(b)) {
      const found = b.insts.find((i) => i.op === "const" && i.word >>> 0 === word >>> 0 && fn.vregs[i.dst].raw === raw
        && defCount[i.dst] === 1 && !fn.vregs[i.dst].name && !fn.params.includes(i.dst));
      if (found?.op === "const") return found.dst;
    }
    return undefined;
  };
  // A loop that calls functions keeps a hoisted address through each call, in a callee-saved
  // register or a stack slot: 4 more bytes in the frame, at every depth of a recursion (a
  // depth-first search that loops over its edges and recurses). Only a loop without calls
  // gets its typed arrays' addresses hoisted. (The soft-float routines' calls do not count:
  // they never come back into the program.)
  const callsIn = new Map<Loop, boolean>();
  const calls = (loop: Loop): boolean => {
    let found = callsIn.get(loop);
    if (found === undefined) {
      found = [...loop.blocks].some((b) => b.insts.some((i) => mayCall(i) && !i.op.startsWith("f64-")));
      callsIn.set(loop, found);
    }
    return found;
  };
  const inserts = new Map<Block, Inst[]>();
  const renames = new Map<VReg, VReg>();
  const constants = new Map<string, VReg>();
  const dataAddresses = new Map<string, VReg>();

  for (const block of fn.blocks) {
    const enclosing = loops.filter((l) => l.blocks.has(block));
    if (enclosing.length === 0) continue;
    block.insts = block.insts.filter((inst) => {
      if (inst.op === "const" && costlyConstant(inst.word) && defCount[inst.dst] === 1
        && !fn.vregs[inst.dst].name && !fn.params.includes(inst.dst)) {
        const loop = enclosing.find((l) => landing(l));
        if (!loop) return true;
        const key = `${loop.header.id}:${inst.word >>> 0}:${fn.vregs[inst.dst].raw}`;
        const hoisted = constants.get(key) ?? existingConstant(landing(loop)!, inst.word, fn.vregs[inst.dst].raw);
        if (hoisted !== undefined) { constants.set(key, hoisted); renames.set(inst.dst, hoisted); return false; }
        constants.set(key, inst.dst);
        add(inserts, landing(loop)!, { ...inst, pos: undefined });
        return false;
      }
      if ((inst.op === "typed-get" || inst.op === "typed-set") && inst.data === undefined) {
        const array = inst.array;
        const loop = enclosing.find((l) => {
          const at = landing(l);
          if (!at || definedIn(array, l) || calls(l)) return false;
          // The register holds a value of the variable there: a parameter, or a definition
          // on every path to it.
          return fn.params.includes(array) || (defBlocks.get(array) ?? []).some((b) => dominates(b, at));
        });
        if (!loop) return true;
        const key = `${loop.header.id}:${array}`;
        let data = dataAddresses.get(key);
        if (data === undefined) {
          data = newVReg(fn, { raw: true });
          dataAddresses.set(key, data);
          add(inserts, landing(loop)!, { op: "typed-data", dst: data, array });
        }
        inst.data = data;
      }
      return true;
    });
  }

  for (const [block, insts] of inserts) {
    // A double comparison that ends a block leaves its result in the flags for the branch.
    const last = block.insts.at(-1);
    const at = last?.op === "f64-cmp" && last.branches ? block.insts.length - 1 : block.insts.length;
    block.insts.splice(at, 0, ...insts);
  }
  if (renames.size > 0) {
    for (const b of fn.blocks) {
      for (const inst of b.insts) renameOperands(inst, renames);
      renameOperands(b.term, renames);
    }
  }
}

function add(inserts: Map<Block, Inst[]>, block: Block, inst: Inst): void {
  const list = inserts.get(block);
  if (list) list.push(inst); else inserts.set(block, [inst]);
}

/** The operand fields that name virtual registers (never `dst`; f64 cells are numbers too,
 *  but in fields of their own: x, y, to, from). */
const OPERAND_FIELDS = ["a", "b", "src", "fn", "object", "code", "base", "array", "index", "data", "value"] as const;

function renameOperands(node: Inst | Terminator, renames: Map<VReg, VReg>): void {
  const record = node as unknown as Record<string, unknown>;
  for (const field of OPERAND_FIELDS) {
    const v = record[field];
    if (typeof v === "number" && renames.has(v)) record[field] = renames.get(v);
  }
  if (Array.isArray(record.args)) record.args = (record.args as VReg[]).map((v) => renames.get(v) ?? v);
}

/** Loops from back edges (an edge to a block that dominates its source), one per header. */
function naturalLoops(fn: IrFunction, dominates: (a: Block, b: Block) => boolean): Loop[] {
  const predecessors = predecessorsOf(fn);
  const byHeader = new Map<Block, Loop>();
  for (const tail of fn.blocks) {
    for (const header of successors(tail.term)) {
      if (!dominates(header, tail)) continue;
      const loop = byHeader.get(header) ?? { header, blocks: new Set([header]) };
      byHeader.set(header, loop);
      const work = [tail];
      while (work.length > 0) {
        const b = work.pop()!;
        if (loop.blocks.has(b)) continue;
        loop.blocks.add(b);
        work.push(...(predecessors.get(b) ?? []));
      }
    }
  }
  return [...byHeader.values()];
}

function predecessorsOf(fn: IrFunction): Map<Block, Block[]> {
  const predecessors = new Map<Block, Block[]>();
  for (const b of fn.blocks) {
    for (const s of successors(b.term)) predecessors.set(s, [...(predecessors.get(s) ?? []), b]);
  }
  return predecessors;
}

/** Immediate dominators (Cooper, Harvey and Kennedy's iteration over reverse postorder). */
function immediateDominators(fn: IrFunction): Map<Block, Block | undefined> {
  const entry = fn.blocks[0];
  const postorder: Block[] = [];
  const seen = new Set<Block>();
  const visit = (b: Block) => {
    seen.add(b);
    for (const s of successors(b.term)) if (!seen.has(s)) visit(s);
    postorder.push(b);
  };
  visit(entry);
  const index = new Map(postorder.map((b, i) => [b, i]));
  const predecessors = predecessorsOf(fn);
  const idom = new Map<Block, Block>([[entry, entry]]);
  const intersect = (x: Block, y: Block): Block => {
    while (x !== y) {
      while (index.get(x)! < index.get(y)!) x = idom.get(x)!;
      while (index.get(y)! < index.get(x)!) y = idom.get(y)!;
    }
    return x;
  };
  for (let changed = true; changed;) {
    changed = false;
    for (let i = postorder.length - 2; i >= 0; i--) {
      const b = postorder[i];
      let next: Block | undefined;
      for (const p of predecessors.get(b) ?? []) {
        if (!idom.has(p)) continue;
        next = next === undefined ? p : intersect(p, next);
      }
      if (next !== undefined && idom.get(b) !== next) { idom.set(b, next); changed = true; }
    }
  }
  const result = new Map<Block, Block | undefined>();
  for (const [b, d] of idom) result.set(b, b === entry ? undefined : d);
  return result;
}
