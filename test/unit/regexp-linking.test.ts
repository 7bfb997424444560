// Regular expressions cost only the programs that have a pattern (sdk/lib/rt/regexp.ts): a
// program that works on strings with their own methods links no matcher and no RegExp class;
// one with a pattern links the matcher, and the string methods that take a pattern only as
// it calls them.

import { describe, expect, it } from "vitest";
import { linkedSymbols as linked } from "./linked-symbols.ts";

const matcher = (names: string[]): string[] => names.filter((n) => n.startsWith("regexp."));

describe("the regular expression matcher is linked only into programs with a pattern", () => {
  it("a program using string methods links none of it", () => {
    const names = linked(`const line = "t1=21,t2=22";\nfor (const part of line.split(",")) console.log(part.replace("=", ": "), part.indexOf("="));\nconsole.log([line].join());\n`);
    expect(matcher(names)).toEqual([]);
  });
  it("a program with a pattern links the matcher; replace and split come only when called", () => {
    const names = linked(`const re = /(\\d+)-(\\d+)/;\nconst m = re.exec("from 10-20");\nconsole.log(re.test("1-2"), m ? m[1] : "");\n`);
    for (const routine of ["regexp.regexpNew", "regexp.run", "regexp.search", "regexp.matchArray"]) expect(names).toContain(routine);
    expect(names).not.toContain("regexp.strReplace");
    expect(names).not.toContain("regexp.strSplit");
  });
});
