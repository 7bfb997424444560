// The size report printed on every build (and compared by the size bench): how much flash
// and RAM the image uses, and which modules the bytes come from.

import { LINKER_MODULE } from "../link/link.ts";
import { moduleSizes, percent, totalsOf, type SizeTotals } from "../link/sizes.ts";
import type { LinkedImage } from "../link/types.ts";
import { HEAP_BLOCK_HEADER, HEAP_GRANULE, HEAP_MARK_STACK_ENTRIES } from "../values.ts";

export interface SizeSummary extends SizeTotals {
  flashUsed: number;
  flashSize: number;
  /** .data + .bss (+ alignment), without the stack. */
  ramStatic: number;
  stack: number;
  ramSize: number;
}

export function sizeSummary(image: LinkedImage): SizeSummary {
  const totals = totalsOf(image.symbols.filter((s) => s.module !== LINKER_MODULE));
  const { layout, special } = image;
  return {
    ...totals,
    flashUsed: image.flashBytes.length,
    flashSize: layout.flash.length,
    ramStatic: special.__bss_end - layout.ram.origin,
    stack: layout.stackSize,
    ramSize: layout.ram.length,
  };
}

function row(label: string, value: number, note = ""): string {
  return `${label.padEnd(8)}${String(value).padStart(10)}${note ? `  ${note}` : ""}`;
}

/** How the heap's bytes are spent: what the collector keeps for itself, and what an object
 *  costs (bench/programs/heap-bytes.ts measures them on a device). */
function heapUse(image: LinkedImage): string {
  const names = new Set(image.symbols.map((sym) => sym.name));
  if (names.has("heap.bareAllocate") && !names.has("heap.allocate")) return "heap  bump-allocated at start-up, never collected (bare profile)";
  if (!names.has("heap.allocate")) return "heap  unused: nothing allocates at run time";
  const heap = image.special.__heap_end - image.special.__heap_start;
  const bitmap = Math.ceil(heap / HEAP_GRANULE / 8);
  return `heap  collector ${bitmap + 4 * HEAP_MARK_STACK_ENTRIES} B (start bitmap ${bitmap}, mark stack ${4 * HEAP_MARK_STACK_ENTRIES}); ` +
    `each object a block: a ${HEAP_BLOCK_HEADER}-byte header, rounded up to ${HEAP_GRANULE} bytes ` +
    `(an array of n values 16 + 4n, a class instance of k fields 8 + 4k, a boxed number 16)`;
}

export function sizeReport(image: LinkedImage): string {
  const s = sizeSummary(image);
  const ramUsed = s.ramStatic + s.stack;
  const lines = [
    row("text", s.text, "code and vector table"),
    row("rodata", s.rodata, "constants in flash"),
    row("data", s.data, "initialised RAM (its initial values are also in flash)"),
    row("bss", s.bss, "zeroed RAM"),
    "",
    `flash ${s.flashUsed} of ${s.flashSize} bytes (${percent(s.flashUsed, s.flashSize)})`,
    `RAM   ${ramUsed} of ${s.ramSize} bytes (${percent(ramUsed, s.ramSize)}): ` +
      `static ${s.ramStatic}, stack ${s.stack}; heap ${image.special.__heap_end - image.special.__heap_start}`,
    heapUse(image),
    "",
  ];
  const modules = moduleSizes(image.symbols.filter((sym) => sym.module !== LINKER_MODULE));
  const width = Math.max("module".length, ...modules.map((m) => m.module.length));
  const columns = (cells: Array<string | number>) => cells.map((c) => String(c).padStart(8)).join("");
  lines.push(`${"module".padEnd(width)}${columns(["total", "text", "rodata", "data", "bss"])}`);
  for (const m of modules) lines.push(`${m.module.padEnd(width)}${columns([m.total, m.text, m.rodata, m.data, m.bss])}`);
  return lines.join("\n") + "\n";
}
