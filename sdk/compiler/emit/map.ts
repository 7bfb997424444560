// The link map: where every section and symbol went, for people reading a crash address
// or wondering why the image grew.

import { LINKER_MODULE } from "../link/link.ts";
import { percent } from "../link/sizes.ts";
import type { LinkedImage } from "../link/types.ts";

function hex(value: number): string {
  return `0x${(value >>> 0).toString(16).padStart(8, "0")}`;
}

export function writeMap(image: LinkedImage): string {
  const { layout } = image;
  const flashUsed = image.flashBytes.length;
  const ramUsed = image.special.__bss_end - layout.ram.origin;
  const out: string[] = [
    "Memory regions",
    `  flash  ${hex(layout.flash.origin)}  ${String(layout.flash.length).padStart(9)} bytes, ` +
      `used ${flashUsed} (${percent(flashUsed, layout.flash.length)})`,
    `  ram    ${hex(layout.ram.origin)}  ${String(layout.ram.length).padStart(9)} bytes, ` +
      `used ${ramUsed} (${percent(ramUsed, layout.ram.length)}) + stack ${layout.stackSize}`,
    "",
    "Sections",
    `  ${"name".padEnd(10)} ${"address".padEnd(10)} ${"load".padEnd(10)} ${"size".padStart(9)}`,
  ];
  for (const s of image.sections) {
    out.push(`  ${s.name.padEnd(10)} ${hex(s.address)} ${hex(s.loadAddress)} ${String(s.size).padStart(9)}`);
  }
  out.push("", "Linker symbols");
  for (const [name, value] of Object.entries(image.special)) out.push(`  ${name.padEnd(14)} ${hex(value)}`);
  out.push("", `Entry  ${hex(image.entry)}`, "", "Symbols (by address)");
  const symbols = image.symbols.filter((s) => s.module !== LINKER_MODULE);
  const nameWidth = Math.max("symbol".length, ...symbols.map((s) => s.name.length));
  out.push(`  ${"address".padEnd(10)} ${"size".padStart(7)} ${"kind".padEnd(6)} ${"section".padEnd(8)} ${"symbol".padEnd(nameWidth)} module`);
  for (const s of symbols) {
    const shown = s.displayName !== s.name ? `${s.name} (${s.displayName})` : s.name;
    out.push(`  ${hex(s.address)} ${String(s.size).padStart(7)} ${s.kind.padEnd(6)} ${s.section.padEnd(8)} ` +
      `${shown.padEnd(nameWidth)} ${s.module}`);
  }
  return out.join("\n") + "\n";
}
