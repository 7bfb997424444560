// Whole-image reachability: the chunks the vector table reaches through relocations, and no
// others (the port's hand-written routines are all offered, and only those reached stay).
//
// Method tables are followed lazily. A class descriptor's slot for method N (a relocation
// with `method: N`) is followed only once a kept function may call a method named N
// (Chunk.methodNames, from passes/method-uses.ts), or any method whose name starts like N's
// (Chunk.methodPrefixes: lookups by names known only at run time): a fixpoint, since a method
// kept may call others. A slot left out holds the small integer 0 instead of the method's
// code: the method table still has the name, so a lookup by name still finds that the class
// has such a method (reading a method as a value stops the program the same way), but no
// kept code calls it.

import type { Chunk } from "./types.ts";

/** The word a method-table slot holds when its method is not linked: a small integer, not
 *  0, which marks a method without a body (runtime objects.ts, methodCode). */
export const UNLINKED_METHOD = 1;

export function keepReachable(chunks: Chunk[], root: string): Chunk[] {
  const byName = new Map(chunks.map((c) => [c.name, c]));
  const keep = new Set<string>();
  const called = new Set<string>();
  const prefixes = new Set<string>();
  const isCalled = (method: string) => called.has(method) || [...prefixes].some((p) => method.startsWith(p));
  /** Method code waiting for a call of its name. */
  const waiting = new Map<string, string[]>();
  const release = (matches: (method: string) => boolean) => {
    for (const [method, symbols] of waiting) {
      if (!matches(method)) continue;
      work.push(...symbols);
      waiting.delete(method);
    }
  };
  const work = [root];
  while (work.length > 0) {
    const name = work.pop()!;
    if (keep.has(name)) continue;
    const c = byName.get(name);
    if (!c) continue;
    keep.add(name);
    for (const prefix of c.methodPrefixes ?? []) {
      if (prefixes.has(prefix)) continue;
      prefixes.add(prefix);
      release((method) => method.startsWith(prefix));
    }
    for (const method of c.methodNames ?? []) {
      if (called.has(method)) continue;
      called.add(method);
      release((m) => m === method);
    }
    for (const r of c.relocs) {
      if (r.method === undefined || isCalled(r.method)) work.push(r.symbol);
      else waiting.set(r.method, [...(waiting.get(r.method) ?? []), r.symbol]);
    }
  }
  return chunks.filter((c) => keep.has(c.name)).map((c) => withoutUnlinkedMethods(c, keep));
}

/** The chunk with each method slot whose code is not kept set to UNLINKED_METHOD. */
function withoutUnlinkedMethods(c: Chunk, keep: ReadonlySet<string>): Chunk {
  const unlinked = c.relocs.filter((r) => r.method !== undefined && !keep.has(r.symbol));
  if (unlinked.length === 0) return c;
  const bytes = c.bytes.slice();
  const view = new DataView(bytes.buffer);
  for (const r of unlinked) view.setUint32(r.offset, UNLINKED_METHOD, true);
  return { ...c, bytes, relocs: c.relocs.filter((r) => !unlinked.includes(r)) };
}

/** The fault handler and the crash report that every other stop (a panic, a throw, the
 *  watchdog) ends in (ports/armv6m/rt/runtime.ts). */
const FAULT_HANDLER = "__rt_fault";
const CRASH_REPORT = "__rt_crash";

/** Whether only the fault handler reaches the crash report in these kept chunks: nothing the
 *  program runs can stop it with a report, so a hardware fault's short one will do
 *  (PortRuntimeOptions.onlyHardwareFaults). */
export function onlyFaultsCrash(kept: readonly Chunk[]): boolean {
  return kept.every((c) => c.name === FAULT_HANDLER || !c.relocs.some((r) => r.symbol === CRASH_REPORT));
}
