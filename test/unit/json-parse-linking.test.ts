// JSON.parse costs only the programs that call it (sdk/lib/rt/json-parse.ts): a program that
// writes JSON with JSON.stringify links no parser, and keeps its int32 numbers; one that calls
// JSON.parse links the parser and the double runtime it needs for the numbers in the text.

import { describe, expect, it } from "vitest";
import { linkedSymbols as linked } from "./linked-symbols.ts";

const parser = (names: string[]): string[] => names.filter((n) => n.startsWith("json-parse."));

describe("JSON.parse is linked only into programs that call it", () => {
  it("a program that only writes JSON links no parser and no soft-float code", () => {
    const names = linked(`const reading = { id: "t1", values: [1, 2, 3], ok: true };\nconsole.log(JSON.stringify(reading));\n`);
    expect(parser(names)).toEqual([]);
    expect(names.filter((n) => n.startsWith("__rt_d") || n.startsWith("numconv."))).toEqual([]);
  });
  it("a program that calls JSON.parse links the parser and the decimal conversion", () => {
    const names = linked(`interface Reading { id: string; values: number[] }\nconst r = JSON.parse('{"id":"t1","values":[1,2.5]}') as Reading;\nconsole.log(r.id, r.values.length);\n`);
    for (const routine of ["json-parse.jsonParse", "json-parse.scanString", "json-parse.scanNumber", "numconv.parseDecimalRange"]) expect(names).toContain(routine);
    // The reviver's walk comes only with a reviver.
    expect(names).not.toContain("json-parse.internalize");
    expect(names).not.toContain("json-parse.jsonReviverThis");
  });
});
