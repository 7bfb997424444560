// The display width table (sdk/lib/rt/display-width.ts) against Node's own: Node's internal
// getStringWidth (ICU) measured for every code point from 127 up, in a child Node with
// --expose-internals, encoded as the module encodes it. When Node's ICU changes, this fails
// and prints the table to paste.

import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { WIDTH_TABLE, displayWidth } from "../../sdk/lib/rt/display-width.ts";

/** Runs in the child: prints the table's code units, and Node's widths of SAMPLES. */
const GENERATOR = `
const { getStringWidth } = require("internal/util/inspect");
const ranges = [];
let current = null;
for (let c = 0x7f; c <= 0x10ffff; c++) {
  if (c >= 0xd800 && c <= 0xdfff) { current = null; continue; }
  const width = getStringWidth(String.fromCodePoint(c));
  if (width === 1) { current = null; continue; }
  if (current && current.width === width && current.end === c - 1) current.end = c;
  else { current = { start: c, end: c, width }; ranges.push(current); }
}
const units = [];
const put = (v) => { if (v < 0x8000) units.push(v); else units.push(0x8000 | (v >> 15), v & 0x7fff); };
let previous = -1;
for (const r of ranges) { put(r.start - previous - 1); put((r.end - r.start) * 4 + r.width); previous = r.end; }
const samples = JSON.parse(process.argv[1]);
console.log(JSON.stringify({ units, widths: samples.map((s) => getStringWidth(s)) }));
`;

const SAMPLES = [
  "abc", "'日本'", "'Привет'", "'a😀b'", "'𝄞'", "'🙂🙃'", "'café'", "'e\u0301'", "'\u200b'", "'👍🏽'",
  "'👨‍👩‍👧'", "'ｆｕｌｌ'", "'한국어'", "'\u00ad'", "'\x7f'", "'→ ✓'", "'\u1d15e'",
];

describe("display width", () => {
  const generated = JSON.parse(execFileSync(process.execPath, ["--expose-internals", "-e", GENERATOR, JSON.stringify(SAMPLES)], { encoding: "utf8" })) as { units: number[]; widths: number[] };

  it("has Node's table of code points whose width is not 1", () => {
    const table = Array.from({ length: WIDTH_TABLE.length }, (_, i) => WIDTH_TABLE.charCodeAt(i));
    const literal = () => generated.units.map((u) => `\\u${u.toString(16).padStart(4, "0")}`).join("");
    expect(table, `regenerate WIDTH_TABLE: "${literal()}"`).toEqual(generated.units);
  });

  it("measures strings as Node's util.inspect does", () => {
    expect(SAMPLES.map(displayWidth)).toEqual(generated.widths);
  });
});
