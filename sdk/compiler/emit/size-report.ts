// The size report printed on every build (and compared by the size bench): how much flash
// and RAM the image uses, and which modules the bytes come from.

import { LINKER_MODULE } from "../link/link.ts";
import { moduleSizes, percent, totalsOf, type SizeTotals } from "../link/sizes.ts";
import type { LinkedImage } from "../link/types.ts";

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
    "",
  ];
  const modules = moduleSizes(image.symbols.filter((sym) => sym.module !== LINKER_MODULE));
  const width = Math.max("module".length, ...modules.map((m) => m.module.length));
  const columns = (cells: Array<string | number>) => cells.map((c) => String(c).padStart(8)).join("");
  lines.push(`${"module".padEnd(width)}${columns(["total", "text", "rodata", "data", "bss"])}`);
  for (const m of modules) lines.push(`${m.module.padEnd(width)}${columns([m.total, m.text, m.rodata, m.data, m.bss])}`);
  return lines.join("\n") + "\n";
}
