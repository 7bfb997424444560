// The generator itself: the same seed always gives the same program, and the programs are
// what random.test.ts assumes they are — they type-check as device programs, parse the way
// they read, and never need a double (so a device that stops with "needs a double" on one
// is a compiler bug, not a generator bug). The integral model's programs are ones the compiler
// gives its "integral" number model, and the integral and float64 programs run on Node.

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ts from "typescript";
import { afterAll, describe, expect, it } from "vitest";
import { runIntChecked } from "../conformance/int-checked-run.ts";
import { runOnNode } from "../conformance/node-runner.ts";
import { numberModel } from "../../sdk/compiler/lower/doubles.ts";
import { makeBatch, typeErrors } from "./batch.ts";
import { generateProgram, standaloneSource } from "./generate.ts";

/** Seeds checked here: a different range from random.test.ts's default. */
const SEEDS = Array.from({ length: 200 }, (_, i) => 900_000 + i * 7919);

const workDir = mkdtempSync(join(tmpdir(), "mote-random-generator-"));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

describe("random program generator", () => {
  it("is deterministic: a seed always gives the same text", () => {
    for (const seed of [0, 1, 42, 123_456, 2 ** 32 - 1]) {
      expect(generateProgram(seed).source).toBe(generateProgram(seed).source);
      expect(generateProgram(seed, { numbers: "float64" }).source).toBe(generateProgram(seed, { numbers: "float64" }).source);
      expect(generateProgram(seed, { numbers: "integral" }).source).toBe(generateProgram(seed, { numbers: "integral" }).source);
    }
    const texts = new Set(SEEDS.map((seed) => generateProgram(seed).source.replaceAll(`p${seed}`, "p")));
    expect(texts.size, "different seeds give different programs").toBe(SEEDS.length);
  });

  it("rejects seeds outside [0, 2^32)", () => {
    expect(() => generateProgram(-1)).toThrow(/seed/);
    expect(() => generateProgram(2 ** 32)).toThrow(/seed/);
    expect(() => generateProgram(1.5)).toThrow(/seed/);
  });

  it("gives programs that type-check as device programs (strict, ES2022, device globals)", () => {
    const errors = typeErrors(makeBatch(SEEDS));
    expect(errors.map((e) => `seed ${e.seed}: ${e.message}`)).toEqual([]);
  });

  it("gives programs that parse as they read (no `a < b, c > (d)` taken for type arguments)", () => {
    const misparsed: string[] = [];
    for (const [seed, numbers] of SEEDS.flatMap((seed) => [[seed, "int32"], [seed, "integral"]] as const)) {
      const source = generateProgram(seed, { numbers }).source;
      const file = ts.createSourceFile("program.ts", source, ts.ScriptTarget.ES2022, true);
      const visit = (node: ts.Node): void => {
        if ((ts.isCallExpression(node) || ts.isExpressionWithTypeArguments(node)) && node.typeArguments) {
          misparsed.push(`${numbers} seed ${seed}: ${node.getText(file).slice(0, 120)}`);
        }
        ts.forEachChild(node, visit);
      };
      visit(file);
    }
    expect(misparsed).toEqual([]);
  });

  it("gives programs that never need a double (the int-checked run finds no violation)", () => {
    const violations: string[] = [];
    for (const seed of SEEDS) {
      const file = join(workDir, `p${seed}.ts`);
      writeFileSync(file, standaloneSource(generateProgram(seed)));
      const run = runIntChecked(file);
      if (run.violation) violations.push(`seed ${seed}, line ${run.violation.line}: ${run.violation.message}`);
    }
    expect(violations).toEqual([]);
  });

  it("leaves out `>>>` when asked (the workaround for a known bug)", () => {
    const sources = SEEDS.slice(0, 100).map((seed) => generateProgram(seed, { unsignedShift: false }).source);
    expect(sources.filter((s) => s.includes(">>>"))).toEqual([]);
    expect(SEEDS.slice(0, 100).some((seed) => generateProgram(seed).source.includes(">>>"))).toBe(true);
  });

  it("gives integral programs: the compiler's number model of each is \"integral\" (integers past int32, no fractions)", () => {
    const models = new Map<string, number[]>();
    for (let i = 0; i < 400; i++) {
      const seed = 900_000 + i * 7919;
      const source = generateProgram(seed, { numbers: "integral" }).source;
      const model = numberModel([ts.createSourceFile("program.ts", source, ts.ScriptTarget.ES2022, true)]);
      models.set(model, [...(models.get(model) ?? []), seed]);
    }
    expect(Object.fromEntries([...models].filter(([model]) => model !== "integral"))).toEqual({});
  });

  it("gives integral programs that type-check, run on Node and print what the model is about", async () => {
    const batch = makeBatch(SEEDS.slice(0, 60), { numbers: "integral" });
    expect(typeErrors(batch).map((e) => `seed ${e.seed}: ${e.message}`)).toEqual([]);
    // Nothing that makes a fraction (numberModel decides, this only names the usual suspects).
    expect(batch.source).not.toMatch(/Number\.|toFixed|parseInt|parseFloat|\*\*|Math\.(sqrt|pow|sin|cos|log|exp|random)/);
    const file = join(workDir, "integral.ts");
    writeFileSync(file, batch.source);
    const node = await runOnNode(file);
    expect(node.exitCode, node.stderr).toBe(0);
    // -0, NaN, the infinities, exponent forms, integers past 2^53 and unsigned 32-bit results.
    for (const printed of [/(^|[\s[,])-0([\s,\]]|$)/m, /NaN/, /-?Infinity/, /\de\+\d/, /\b\d{17,21}\b/, /\b[34]\d{9}\b/]) {
      expect(node.stdout).toMatch(printed);
    }
  });

  it("gives float64 programs (fractions, plain division, Math) that type-check and run on Node", async () => {
    const batch = makeBatch(SEEDS.slice(0, 60), { numbers: "float64" });
    expect(typeErrors(batch).map((e) => `seed ${e.seed}: ${e.message}`)).toEqual([]);
    expect(batch.source).toMatch(/Math\.(sqrt|floor|round|trunc|ceil)\(/);
    const file = join(workDir, "float64.ts");
    writeFileSync(file, batch.source);
    const node = await runOnNode(file);
    expect(node.exitCode, node.stderr).toBe(0);
  });
});
