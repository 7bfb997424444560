// Random regular expressions, differential against Node (a sweep, off by default): each batch
// is one program of MOTE_REGEXP_PATTERNS random patterns (alternation, groups, named groups,
// backreferences, lookarounds, greedy and lazy quantifiers, classes, anchors; every flag mix),
// each run with exec, replace and split on two inputs, on mps2-an385 and on Node.
//
//   MOTE_REGEXP_SWEEP=8 npx vitest run test/random/regexp-sweep.test.ts   (8 batches)
//   MOTE_REGEXP_SEED (default 1), MOTE_REGEXP_PATTERNS (default 100)

import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runOnNode } from "../conformance/node-runner.ts";
import { runApp } from "../../sdk/cli/run-app.ts";

const BATCHES = Number(process.env.MOTE_REGEXP_SWEEP ?? 0);
const FIRST_SEED = Number(process.env.MOTE_REGEXP_SEED ?? 1);
const PATTERNS = Number(process.env.MOTE_REGEXP_PATTERNS ?? 100);

const ATOMS = ["a", "b", "c", ".", "\\d", "\\w", "\\s", "[ab]", "[^a]", "[a-c]", "\\b", "^", "$", "x", "A", "é", "\\1", "(?:)"];
const QUANTIFIERS = ["*", "+", "?", "{2}", "{1,3}", "{0,}", "*?", "+?", "??", "{1,2}?"];
const FLAGS = ["", "g", "i", "m", "s", "gi", "y", "u", "iu", "gm"];
const INPUTS = ["", "a", "ab", "abc", "aab", "ba", "abcabc", "a b c", "x1 y22", "AbC", "ÉéA", "aaaa", "bbb a", "\n a\nb"];

/** A program of random patterns from one seed. */
function regexpProgram(seed: number, patterns: number): string {
  let state = seed;
  const random = (n: number) => {
    state = (Math.imul(state, 1103515245) + 12345) & 0x7fffffff;
    return (state >>> 16) % n;
  };
  const pick = <T>(xs: readonly T[]): T => xs[random(xs.length)];
  const term = (depth: number): string => {
    const r = random(10);
    let t: string;
    if (depth > 0 && r < 2) t = `(${alternation(depth - 1)})`;
    else if (depth > 0 && r < 3) t = `(?:${alternation(depth - 1)})`;
    else if (depth > 0 && r < 4) t = `(?${pick(["=", "!", "<=", "<!"])}${alternation(depth - 1)})`;
    else if (depth > 0 && r < 5) t = `(?<n${random(1000)}>${alternation(depth - 1)})`;
    else t = pick(ATOMS);
    // Assertions and lookarounds take no quantifier under u; leave them bare everywhere.
    if (!/^[\^$]|^\\b$|^\(\?<?[=!]/.test(t) && random(3) === 0) t += pick(QUANTIFIERS);
    return t;
  };
  const sequence = (depth: number): string => Array.from({ length: 1 + random(3) }, () => term(depth)).join("");
  const alternation = (depth: number): string => {
    let s = sequence(depth);
    while (random(4) === 0) s += `|${sequence(depth)}`;
    return s;
  };
  const lines = [
    `const t = (re: RegExp, s: string) => { console.log(String(re), JSON.stringify(s), JSON.stringify(re.exec(s)), JSON.stringify(s.replace(re, "<$&>")), JSON.stringify(s.split(re))); };`,
  ];
  for (let made = 0; made < patterns;) {
    const source = alternation(2);
    const flags = pick(FLAGS);
    try { new RegExp(source, flags); } catch { continue; }
    // TypeScript refuses \1 in a pattern without groups (V8 reads it as an octal escape).
    if (source.includes("\\1") && !/\((?!\?)|\(\?<n/.test(source)) continue;
    const literal = `/${source.replace(/\//g, "\\/")}/${flags}`;
    lines.push(`t(${literal}, ${JSON.stringify(pick(INPUTS))});`, `t(${literal}, ${JSON.stringify(pick(INPUTS))});`);
    made++;
  }
  return `${lines.join("\n")}\n`;
}

describe.skipIf(BATCHES === 0)("random regular expressions print what Node prints", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "mote-regexp-sweep-"));
  for (let batch = 0; batch < BATCHES; batch++) {
    const seed = FIRST_SEED + batch;
    it(`seed ${seed}: ${PATTERNS} patterns on mps2-an385`, async () => {
      const file = path.join(dir, `regexp-${seed}.ts`);
      writeFileSync(file, regexpProgram(seed, PATTERNS));
      const node = await runOnNode(file);
      const device = await runApp(file, "mps2-an385", { timeoutMs: 120_000 });
      expect(device.reason, `${file}: ${device.stderr}`).toBe("exit");
      expect(device.stdout, file).toBe(node.stdout);
    }, 180_000);
  }
});
