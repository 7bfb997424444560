// An instruction profile (RunOptions.profile: executions per flash halfword) summed per
// function of the image, for `mote run --profile`: where a program spends its instructions,
// named as the size report names functions, with the module each comes from.

import type { LinkedImage } from "../compiler/link/types.ts";

export interface ProfileRow {
  /** The function's name as the source gives it (LinkedSymbol.displayName). */
  name: string;
  module: string;
  instructions: number;
}

/** An empty profile for an image: one counter per halfword of its flash region. */
export function profileFor(image: LinkedImage): Uint32Array {
  return new Uint32Array(Math.ceil(image.layout.flash.length / 2));
}

/** Instructions per function, most first; those outside every function are one row, "(other)". */
export function summarizeProfile(image: LinkedImage, profile: Uint32Array): ProfileRow[] {
  const origin = image.layout.flash.origin;
  const rows: ProfileRow[] = [];
  let counted = 0;
  for (const symbol of image.symbols) {
    if (symbol.kind !== "func" || symbol.size === 0) continue;
    let instructions = 0;
    const first = (symbol.address - origin) >>> 1;
    for (let i = first; i < first + (symbol.size >>> 1) && i < profile.length; i++) instructions += profile[i];
    if (instructions === 0) continue;
    counted += instructions;
    rows.push({ name: symbol.displayName, module: symbol.module, instructions });
  }
  const total = profile.reduce((sum, n) => sum + n, 0);
  if (total > counted) rows.push({ name: "(other)", module: "", instructions: total - counted });
  return rows.sort((a, b) => b.instructions - a.instructions);
}

/** The rows as a table: instructions, share of all, function, module; the first `limit`. */
export function formatProfile(rows: ProfileRow[], limit = 25): string {
  const total = rows.reduce((sum, row) => sum + row.instructions, 0);
  const lines = [`instructions by function (${total.toLocaleString("en-US")} in all, the ${Math.min(limit, rows.length)} largest):`];
  for (const row of rows.slice(0, limit)) {
    const share = total === 0 ? 0 : (row.instructions / total) * 100;
    lines.push(`${row.instructions.toLocaleString("en-US").padStart(13)}  ${share.toFixed(1).padStart(5)} %  ${row.name}${row.module ? `  (${row.module})` : ""}`);
  }
  return lines.join("\n");
}
