// `mote build --why <symbol | module>`: why the linker kept something, as the shortest chain
// of references from the vector table to it. What link/reachable.ts keeps is what something
// kept refers to, so the chain is the reason; the size report says how much, this says why.

import type { Chunk } from "./types.ts";

/** Chains from `root` to each kept chunk that `what` names (a symbol, a function's name as a
 *  backtrace shows it, or a module such as "sdk/lib/rt/numconv.ts"), nearest first. */
export function whyLinked(kept: readonly Chunk[], root: string, what: string): string {
  const byName = new Map(kept.map((c) => [c.name, c]));
  // Breadth first from the root: each chunk's parent on a shortest chain. A module's
  // initialisation is called from main for every module the program imports, so a chain
  // through another module's says little: such chains are taken only for what no other
  // chain reaches. (The app's own top-level code is its module's initialisation.)
  const parent = new Map<string, string | undefined>([[root, undefined]]);
  const order = [root];
  const search = (intoInits: boolean) => {
    for (let i = 0; i < order.length; i++) {
      for (const r of byName.get(order[i])?.relocs ?? []) {
        const to = byName.get(r.symbol);
        if (parent.has(r.symbol) || to === undefined) continue;
        if (!intoInits && r.symbol.endsWith(".<init>") && to.module !== byName.get(order[i])?.module) continue;
        parent.set(r.symbol, order[i]);
        order.push(r.symbol);
      }
    }
  };
  search(false);
  search(true);
  const label = (name: string) => {
    const c = byName.get(name)!;
    const shown = c.displayName ?? c.name;
    return `${shown === c.name ? shown : `${shown} (${c.name})`}  [${c.module}]`;
  };
  const named = (c: Chunk) => c.name === what || c.displayName === what || c.module === what || c.module.endsWith(`/${what}`);
  // Of a module, the ways in: its chunks reached from outside it, one per caller outside.
  const callers = new Set<string | undefined>();
  const matches = order.filter((name) => {
    const c = byName.get(name)!;
    const from = parent.get(name);
    if (!named(c) || callers.has(from)) return false;
    if (c.name !== what && c.displayName !== what && from !== undefined && named(byName.get(from)!)) return false;
    callers.add(from);
    return true;
  });
  if (matches.length === 0) return `--why ${what}: nothing of that name is linked`;
  const shownChains = 3;
  const chains = matches.slice(0, shownChains).map((name) => {
    const chain: string[] = [];
    for (let at: string | undefined = name; at !== undefined; at = parent.get(at)) chain.unshift(at);
    return chain.map((n, depth) => `${"  ".repeat(depth + 1)}${depth === 0 ? "" : "-> "}${label(n)}`).join("\n");
  });
  const more = matches.length > shownChains ? `\n(and ${matches.length - shownChains} more ways in)` : "";
  return `why ${what} is linked (${matches.length === 1 ? "one way in" : `the nearest ${Math.min(matches.length, shownChains)} of ${matches.length} ways in`}):\n${chains.join("\n\n")}${more}`;
}
