// Size accounting shared by the linker's "does not fit" error and the size report, so
// both count the same way: the vector table and boot2 are code-side flash ("text"), .data
// costs both flash (its initial bytes) and RAM, .bss costs RAM only.

import type { SectionName } from "./types.ts";

export interface SizeTotals {
  /** .boot2 + .vectors + .text */
  text: number;
  rodata: number;
  data: number;
  bss: number;
}

export type SizeCategory = keyof SizeTotals;

export function sizeCategory(section: SectionName): SizeCategory {
  switch (section) {
    case ".boot2":
    case ".vectors":
    case ".text":
      return "text";
    case ".rodata":
      return "rodata";
    case ".data":
      return "data";
    case ".noinit":
    case ".bss":
      return "bss";
  }
}

export interface SizedItem {
  module: string;
  section: SectionName;
  size: number;
}

export interface ModuleSize extends SizeTotals {
  module: string;
  /** text + rodata + data + bss: every byte the module adds to flash or RAM, once. */
  total: number;
}

export function emptyTotals(): SizeTotals {
  return { text: 0, rodata: 0, data: 0, bss: 0 };
}

export function totalsOf(items: Iterable<SizedItem>): SizeTotals {
  const totals = emptyTotals();
  for (const item of items) totals[sizeCategory(item.section)] += item.size;
  return totals;
}

/** Bytes per module, biggest first (ties by name, so the output is stable). */
export function moduleSizes(items: Iterable<SizedItem>): ModuleSize[] {
  const byModule = new Map<string, ModuleSize>();
  for (const item of items) {
    let entry = byModule.get(item.module);
    if (!entry) {
      entry = { module: item.module, ...emptyTotals(), total: 0 };
      byModule.set(item.module, entry);
    }
    entry[sizeCategory(item.section)] += item.size;
    entry.total += item.size;
  }
  return [...byModule.values()].sort((a, b) => b.total - a.total || a.module.localeCompare(b.module));
}

export function percent(part: number, whole: number): string {
  if (whole <= 0) return "-";
  return `${((part / whole) * 100).toFixed(1)}%`;
}
