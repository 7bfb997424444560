// Random programs for differential testing (DESIGN.md, "The device language": a device program
// prints exactly what Node prints for the same source). A seed becomes one small, well-typed
// TypeScript program: a function `p<seed>()` that computes with ints, strings, booleans,
// arrays, objects and closures, and prints what it computes.
//
// Every program is correct by construction for the number model it is generated for. In the
// int32 model each int expression carries the interval its value lies in, and an operation
// whose result could leave int32 or be -0 gets operands that cannot make it do so (a mask, a
// clamp, `| 1` for a non-zero divisor); variables keep a declared interval, restored by a mask
// after any update that could leave it. Such a program never needs a double, so a device that
// stops with "needs a double" on it is wrong, and int-checked-run.ts can check the generator.
// The integral model lets integer arithmetic leave int32 on purpose, and the float64 model adds
// doubles on top (NUMBER_MODELS). The same bookkeeping bounds string
// and array lengths, and a work budget bounds loops and recursion, so every program ends
// quickly even on a 16 MHz micro:bit with 16 KB of RAM.

/** What numbers a generated program may compute, beyond int32 values that are never -0. */
export interface NumberModel {
  /** Doubles: fraction literals, -0, NaN, the infinities, results beyond int32, toFixed. */
  fractions: boolean;
  /** `/` may be written plainly. When false every division is `(a / b) | 0` with b ≠ 0. */
  plainDivision: boolean;
  /** Math functions with double results (`Math.sqrt`, `Math.sin`, `Math.pow` …). */
  mathDoubles: boolean;
  /**
   * Integer arithmetic without masks or clamps: sums, products and negations beyond int32 (up
   * to the infinities), -0, NaN from `x % 0`, `>>>` up to 2^32 - 1, integer literals beyond
   * int32, `NaN` and `Infinity`; never a fraction (see "wide" in wideExpr).
   */
  wide: boolean;
}

/**
 * "int32": every number is an int32 and never -0 (the step-1 language, and the integer fast
 * paths of today's compiler). "integral": the compiler's integral number model
 * (sdk/compiler/lower/doubles.ts): nothing in the source makes a fraction, but integer
 * arithmetic leaves int32 freely, so numbers are the doubles Node has (-0, NaN, the
 * infinities, integers past 2^53); their expressions ("num", see wideExpr) appear wherever a
 * number is printed, compared, concatenated, stored or made an int again with `| 0` or `>>>`.
 * "float64": also fractions; their expressions ("num", see numberExpr) appear in the same
 * places.
 */
export const NUMBER_MODELS = {
  int32: { fractions: false, plainDivision: false, mathDoubles: false, wide: false },
  integral: { fractions: false, plainDivision: false, mathDoubles: false, wide: true },
  float64: { fractions: true, plainDivision: true, mathDoubles: true, wide: false },
} as const satisfies Record<string, NumberModel>;

export type NumberModelName = keyof typeof NUMBER_MODELS;

export interface GenerateOptions {
  /** Default "int32". */
  numbers?: NumberModelName;
  /**
   * Use `>>>` (default true). False works around a compiler bug that makes some `>>>`
   * results 0 (test/random/README.md, "Known bugs").
   */
  unsignedShift?: boolean;
  /**
   * In the integral model, `s.charCodeAt(k)` with k outside the string (NaN) (default true;
   * false avoids what was a device bug: it stopped with "the result needs a double" there).
   */
  charCodeNaN?: boolean;
  /**
   * In the integral model, products with a factor that is 0 as written (`x * 0`, `p *= 0`,
   * `0 * -x`) (default true; false avoids what was a device bug: when x was a double past
   * int32 or -0 the device took the product for the small integer 0). Products that are -0
   * by a zero computed at run time are written either way.
   */
  zeroFactors?: boolean;
}

export interface GeneratedProgram {
  seed: number;
  /** The function's name, `p<seed>`. */
  name: string;
  /** `function p<seed>(): void { … }`, self-contained: it reads and writes no outer state. */
  source: string;
}

/** The program of a seed. The same seed and options always give the same text. */
export function generateProgram(seed: number, options: GenerateOptions = {}): GeneratedProgram {
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new Error(`seed must be an integer in [0, 2^32), got ${seed}`);
  const model = NUMBER_MODELS[options.numbers ?? "int32"];
  const name = `p${seed}`;
  const generator = new ProgramGenerator(new Rng(seed), model, options.unsignedShift ?? true, options.charCodeNaN ?? true, options.zeroFactors ?? true);
  return { seed, name, source: generator.program(name) };
}

/** A program on its own: the function and a call to it (what `replay.ts` runs). */
export function standaloneSource(program: GeneratedProgram): string {
  return `// mote random program, seed ${program.seed} (test/random/README.md)\n${program.source}\n${program.name}();\n`;
}

// ---------------------------------------------------------------------------------------
// The PRNG: sfc32 (Chris Doty-Humphrey's small fast counting generator), its state filled
// from the seed by splitmix32. Own code, so the programs do not change with Node's Math.random.

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    let s = seed >>> 0;
    const splitmix = (): number => {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = splitmix();
    this.b = splitmix();
    this.c = splitmix();
    this.d = splitmix();
    for (let i = 0; i < 12; i++) this.uint32();
  }

  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** An integer in [0, n). */
  below(n: number): number {
    return Math.floor((this.uint32() / 2 ** 32) * n);
  }

  /** An integer in [lo, hi]. */
  between(lo: number, hi: number): number {
    return lo + this.below(hi - lo + 1);
  }

  chance(p: number): boolean {
    return this.uint32() / 2 ** 32 < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error("pick from an empty list");
    return items[this.below(items.length)]!;
  }

  /** One of the entries, with probability proportional to its weight (weights ≤ 0 never). */
  weighted<T>(entries: ReadonlyArray<readonly [number, T]>): T {
    const total = entries.reduce((sum, [w]) => sum + Math.max(w, 0), 0);
    if (total <= 0) throw new Error("weighted pick with no positive weight");
    let r = (this.uint32() / 2 ** 32) * total;
    for (const [w, value] of entries) {
      if (w <= 0) continue;
      if (r < w) return value;
      r -= w;
    }
    return entries.filter(([w]) => w > 0).at(-1)![1];
  }
}

// ---------------------------------------------------------------------------------------
// Values: what the generator knows about an expression.

const INT32_MIN = -0x80000000;
const INT32_MAX = 0x7fffffff;

type Kind =
  | "int" // an int32, never -0, in [lo, hi]
  | "num" // any double (float64 model), any integer-valued double with -0, NaN, ±Infinity (integral model)
  | "nums" // number[] of "num" values, at most `len` elements (integral model only)
  | "bool"
  | "str" // at most `len` UTF-16 units of `chars`
  | "ints" // number[]: at most `len` elements, each in [lo, hi]
  | "strs" // string[]: at most `len` elements of at most `elemLen` units
  | "rec" // { n: number; s: string; f: boolean } with n in [lo, hi], s at most `len` units
  | "opt"; // number | undefined, the number in [lo, hi]

/** Characters a string may hold, from narrowest to widest. */
const enum Chars {
  Ascii = 0,
  /** Latin-1 whose upper and lower case stay in Latin-1 with the same length (no ß µ ÿ). */
  Latin1 = 1,
  /** The basic multilingual plane, no surrogates. */
  Bmp = 2,
  /** Surrogate pairs, and after slicing lone surrogates. */
  Surrogates = 3,
}

interface Expr {
  code: string;
  kind: Kind;
  lo: number;
  hi: number;
  /** int: the value is never 0 (odd, or a non-zero literal). */
  nonzero: boolean;
  len: number;
  elemLen: number;
  chars: Chars;
  /** Safe as an operand without parentheses. */
  atom: boolean;
  /** TypeScript gives it a literal type, so `===` against another literal is a type error. */
  literal: boolean;
  /** Evaluating it changes no variable (so it may sit between a check and the use it guards). */
  pure: boolean;
}

function expr(kind: Kind, code: string, fields: Partial<Omit<Expr, "kind" | "code">> = {}): Expr {
  return {
    kind, code, lo: 0, hi: 0, nonzero: false, len: 0, elemLen: 0, chars: Chars.Ascii,
    atom: false, literal: false, pure: true, ...fields,
  };
}

const paren = (e: Expr): string => (e.atom ? e.code : `(${e.code})`);
const mayBeZero = (e: Expr): boolean => !e.nonzero && e.lo <= 0 && e.hi >= 0;
const maxAbs = (e: Expr): number => Math.max(Math.abs(e.lo), Math.abs(e.hi));
const oneSigned = (e: Expr): boolean => e.lo > 0 || e.hi < 0;
const fitsInt32 = (lo: number, hi: number): boolean => lo >= INT32_MIN && hi <= INT32_MAX;
const pureAll = (...es: Expr[]): boolean => es.every((e) => e.pure);
/** A variable or property, which TypeScript narrows after `===`, `switch` and the like. */
const isReference = (e: Expr): boolean => /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/.test(e.code);
/** The same value without a literal type (`5 | 0`, `"a".slice(0)`). */
const unliteral = (e: Expr): Expr => ({
  ...e, literal: false, atom: e.kind === "str",
  code: e.kind === "str" ? `${paren(e)}.slice(0)` : `${paren(e)} | 0`,
});

interface IntRange {
  lo: number;
  hi: number;
}

/** The intervals a variable may be declared with; every one is 2^k wide, so a mask reaches it. */
const VARIABLE_RANGES: readonly IntRange[] = [
  { lo: 0, hi: 15 },
  { lo: 0, hi: 255 },
  { lo: -128, hi: 127 },
  { lo: 0, hi: 1023 },
  { lo: -512, hi: 511 },
  { lo: 0, hi: 65535 },
  { lo: -32768, hi: 32767 },
  { lo: -(2 ** 20), hi: 2 ** 20 - 1 },
  { lo: INT32_MIN, hi: INT32_MAX },
];
const FULL_RANGE: IntRange = { lo: INT32_MIN, hi: INT32_MAX };
const SMALL_RANGES = VARIABLE_RANGES.slice(0, 5);

/** Limits that keep each program small and quick. */
const LIMITS = {
  /** Estimated statements executed per program (loops and calls multiply). */
  work: 3000,
  /** Product of the iteration counts of the loops around a statement. */
  loopProduct: 48,
  /** Lines printed per program (estimated; loops multiply). */
  printedLines: 50,
  /** Nesting of blocks (if, loops, switch) in one function. */
  nesting: 3,
  /** Depth of an expression tree. */
  expressionDepth: 3,
  /** Longest string a variable holds, in UTF-16 units. */
  stringLength: 40,
  /** Most elements an array variable holds. */
  arrayLength: 12,
  /** Deepest recursion (the micro:bit has a 2 KB stack). */
  recursionDepth: 7,
  helpers: 3,
  /**
   * Nums made text per program (integral model: printed, concatenated, String(…), joined,
   * compared in a default sort); loops multiply. The integral model's printer takes about
   * 5 million instructions for a double near 1e300 (0.4 s on a 16 MHz micro:bit).
   */
  conversions: 8,
};

// ---------------------------------------------------------------------------------------
// Strings the programs start from: ASCII, Latin-1, the BMP and astral characters (surrogate
// pairs), a few that console.log quotes or formats specially.

const STRING_POOL: readonly string[] = [
  "", "a", "b", "ab", "abc", "xyz", "foo", "bar", "Hello", "world", "x y", "  pad ", "42", "-7", "a,b,c",
  "a-b-c", "it's", "say \"hi\"", "back\\slash", "tab\there", "line\nbreak", "%d", "50%", "%s!", "MiXeD",
  "é", "café", "über", "Ñandú", "à la", "ÇA", "naïve", "ö",
  "€", "Ωmega", "日本", "Привет", "→", "✓ ok", "ĀĒ", "ß", "µs",
  "😀", "a😀b", "𝄞", "🙂🙃",
];
/**
 * Integers outside int32 and the special values, as the integral model writes them: past 2^31
 * and 2^32 (in hex too), around 2^53, the squares that pass 2^31, 2^53 and 2^63, the powers of
 * ten where printing switches to exponents, the largest double, -0, NaN and the infinities.
 */
const WIDE_LITERALS: readonly string[] = [
  "2147483648", "2147483647", "-2147483648", "-2147483649", "4294967295", "4294967296", "0xffffffff", "0x100000000",
  "9007199254740991", "9007199254740992", "9007199254740993", "-9007199254740993", "4503599627370497", "18014398509481984",
  "1152921504606846976", "123456789012345680000", "46341", "94906267", "3037000500", "65536", "100000", "1000000007",
  "1e16", "1e21", "-1e21", "1e300", "-1e300", "1.5e300", "1.7976931348623157e308",
  "-0", "-0", "NaN", "Infinity", "-Infinity", "(0 % 0)", "(7 % 0)", "(-4 % 2)", "(0 * -1)",
];
const SEPARATORS: readonly string[] = ["", ",", "-", " ", "a", "é", ", ", "😀", "--"];
const TEMPLATE_TEXT: readonly string[] = ["", " ", ":", "=", "[", "] ", "é", "→", "x", ", ", "|"];

function charsOf(text: string): Chars {
  let chars = Chars.Ascii;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdfff) return Chars.Surrogates;
    if (unit > 0xff || "ßµÿ".includes(text[i]!)) chars = Math.max(chars, Chars.Bmp) as Chars;
    else if (unit > 0x7f) chars = Math.max(chars, Chars.Latin1) as Chars;
  }
  return chars;
}

const maxChars = (...cs: Chars[]): Chars => Math.max(Chars.Ascii, ...cs) as Chars;

// ---------------------------------------------------------------------------------------
// Variables, functions and scopes.

interface Variable {
  name: string;
  kind: Kind;
  /** May be assigned (let, a parameter). */
  mutable: boolean;
  /** Arrays: may be resized or written (false for array parameters, which alias the caller's). */
  mutableElements: boolean;
  lo: number;
  hi: number;
  len: number;
  elemLen: number;
  chars: Chars;
}

/** What a function takes or returns. */
interface Shape {
  kind: "int" | "str" | "bool" | "ints" | "num";
  lo: number;
  hi: number;
  len: number;
  elemLen: number;
  chars: Chars;
}

interface Callable {
  name: string;
  params: Shape[];
  result: Shape;
  /** Estimated statements one call executes. */
  cost: number;
  /** Changes no variable outside itself. */
  pure: boolean;
  /** The first parameter is a recursion depth, passed as a literal in [0, depth]. */
  depth?: number;
  /** Declared before the program's function, so it sees only other top-level helpers. */
  topLevel?: boolean;
}

/** An array of closures `(x: number) => number` that is never resized. */
interface ClosureArray {
  name: string;
  length: number;
  result: IntRange;
  param: IntRange;
  cost: number;
}

class Scope {
  readonly variables: Variable[] = [];
  readonly callables: Callable[] = [];
  readonly closureArrays: ClosureArray[] = [];
  constructor(readonly parent: Scope | undefined) {}
}

interface Loop {
  label?: string;
}

/** The function whose body is being generated. */
interface FunctionContext {
  kind: "program" | "helper" | "closure";
  /** What `return` must give (helpers and closures). */
  result?: Shape;
  loops: Loop[];
  /** The innermost scope of the statement being generated. */
  scope: Scope;
  /** Product of the iteration counts of the loops around the current statement. */
  loopProduct: number;
  /** Enclosing scopes outside this function are invisible (pure helpers). */
  sealed: boolean;
  /** Enclosing-function variables assigned so far (a closure that does so is not pure). */
  assignsOuter: boolean;
  /** Scopes of this function (to tell own variables from captured ones). */
  ownScopes: Set<Scope>;
  /** A helper declared before the program's function. */
  topLevel?: boolean;
}

// ---------------------------------------------------------------------------------------

class ProgramGenerator {
  private lines: string[] = [];
  /** Helpers declared before the program's function (self-recursive ones must be top-level). */
  private readonly topLevel: string[] = [];
  private programName = "";
  private indent = 1;
  private names = 0;
  private work = 0;
  private printed = 0;
  private readonly helpers: Callable[] = [];
  private fn!: FunctionContext;
  /** Nums made text so far (LIMITS.conversions), and how often the callback being written runs. */
  private conversions = 0;
  private conversionScale = 1;

  constructor(private readonly rng: Rng, private readonly model: NumberModel, private readonly unsignedShift: boolean,
    private readonly charCodeNaN: boolean, private readonly zeroFactors: boolean) {}

  program(name: string): string {
    const scope = new Scope(undefined);
    this.fn = { kind: "program", loops: [], scope, loopProduct: 1, sealed: false, assignsOuter: false, ownScopes: new Set([scope]) };
    this.programName = name;
    this.lines.push(`function ${name}(): void {`);
    const helperCount = this.rng.weighted([[3, 0], [4, 1], [3, 2], [1, LIMITS.helpers]] as const);
    for (let i = 0; i < helperCount; i++) this.helperFunction();
    // The integral model starts with arithmetic that leaves int32 (the compiler's model is then
    // "integral" even if nothing else is).
    if (this.model.wide) while (!this.wideKernel());
    const statements = this.rng.between(6, 14);
    for (let i = 0; i < statements && this.work < LIMITS.work; i++) this.statement(0);
    this.finalPrint();
    this.lines.push("}");
    return [...this.topLevel, ...this.lines].join("\n");
  }

  // -------------------------------------------------------------------------------------
  // Output, names, budgets.

  private emit(text: string): void {
    this.lines.push("  ".repeat(this.indent) + text);
  }

  private name(prefix: string): string {
    return `${prefix}${++this.names}`;
  }

  /** Charges `units` statements, multiplied by the loops around them. */
  private spend(units: number): void {
    this.work += units * this.fn.loopProduct;
  }

  /** Runs `body`, which writes a callback that runs `times` times (for the conversion budget). */
  private scaled<T>(times: number, body: () => T): T {
    const saved = this.conversionScale;
    this.conversionScale = saved * Math.max(times, 1);
    try {
      return body();
    } finally {
      this.conversionScale = saved;
    }
  }

  /** Whether `count` more nums may be made text here: only in the program's own function (not in functions it may call many times). */
  private canConvert(count: number): boolean {
    return this.fn.kind === "program" && this.conversions + count * this.fn.loopProduct * this.conversionScale <= LIMITS.conversions;
  }

  private convert(count: number): void {
    this.conversions += count * this.fn.loopProduct * this.conversionScale;
  }

  /**
   * A number that is made text (printed, concatenated, String(…)): numberExpr, but in the
   * integral model a num only while the conversion budget lasts, else an int.
   */
  private textNumber(depth: number, pure = false): Expr {
    if (!this.model.wide) return this.numberExpr(depth, pure);
    if (!this.canConvert(1)) return this.intExpr(depth, pure);
    const e = this.wideExpr(depth, pure);
    if (e.kind === "num") this.convert(1);
    return e;
  }

  private affordable(units: number): boolean {
    return this.work + units * this.fn.loopProduct <= LIMITS.work;
  }

  private withScope<T>(body: () => T): T {
    const scope = new Scope(this.fn.scope);
    const saved = this.fn.scope;
    this.fn.scope = scope;
    this.fn.ownScopes.add(scope);
    try {
      return body();
    } finally {
      this.fn.scope = saved;
    }
  }

  private block(header: string, body: () => void, footer = "}"): void {
    this.emit(`${header} {`);
    this.indent++;
    this.withScope(body);
    this.indent--;
    this.emit(footer);
  }

  private *visibleScopes(): Generator<Scope> {
    for (let s: Scope | undefined = this.fn.scope; s; s = s.parent) yield s;
  }

  private variables(kind: Kind, filter: (v: Variable) => boolean = () => true): Variable[] {
    const found: Variable[] = [];
    for (const scope of this.visibleScopes()) for (const v of scope.variables) if (v.kind === kind && filter(v)) found.push(v);
    return found;
  }

  /** Variables this function may assign: not loop counters, not consts. */
  private assignable(kind: Kind): Variable[] {
    return this.variables(kind, (v) => v.mutable);
  }

  private declare(v: Variable): Variable {
    this.fn.scope.variables.push(v);
    return v;
  }

  private noteAssignment(v: Variable): void {
    const own = [...this.fn.ownScopes].some((s) => s.variables.includes(v));
    if (!own) this.fn.assignsOuter = true;
  }

  private callables(): Callable[] {
    const found = this.helpers.filter((h) => h.topLevel || !this.fn.topLevel);
    for (const scope of this.visibleScopes()) found.push(...scope.callables);
    return found.filter((c) => this.affordable(c.cost));
  }

  private closureArrays(): ClosureArray[] {
    const found: ClosureArray[] = [];
    for (const scope of this.visibleScopes()) found.push(...scope.closureArrays);
    return found.filter((c) => this.affordable(c.cost * c.length));
  }

  // -------------------------------------------------------------------------------------
  // Int expressions. Every production keeps its result an int32 that is never -0.

  private intLiteral(): Expr {
    const value = this.rng.weighted([
      [30, () => this.rng.between(-3, 12)],
      [20, () => this.rng.between(-100, 100)],
      [10, () => this.rng.between(-5000, 5000)],
      [4, () => this.rng.between(-(2 ** 24), 2 ** 24)],
      [3, () => this.rng.pick([INT32_MAX, INT32_MIN, INT32_MAX - 1, 2 ** 30, -(2 ** 30), 65535, 65536, -65536])],
    ] as const)();
    const hex = value >= 0 && this.rng.chance(0.08);
    return expr("int", hex ? `0x${value.toString(16)}` : String(value), {
      lo: value, hi: value, nonzero: value !== 0, atom: value >= 0, literal: true,
    });
  }

  private intLeaf(): Expr {
    const vars = this.variables("int");
    const recs = this.variables("rec");
    return this.rng.weighted<() => Expr>([
      [4, () => this.intLiteral()],
      [vars.length > 0 ? 8 : 0, () => {
        const v = this.rng.pick(vars);
        return expr("int", v.name, { lo: v.lo, hi: v.hi, atom: true });
      }],
      [recs.length > 0 ? 1 : 0, () => {
        const r = this.rng.pick(recs);
        return expr("int", `${r.name}.n`, { lo: r.lo, hi: r.hi, atom: true });
      }],
    ])();
  }

  /** An int expression; `pure` excludes calls that may change variables. */
  private intExpr(depth: number, pure = false): Expr {
    if (depth <= 0 || this.rng.chance(0.25)) return this.intLeaf();
    const d = depth - 1;
    const e = this.rng.weighted<() => Expr | undefined>([
      [10, () => this.additive(d, pure)],
      [5, () => this.multiply(d, pure)],
      [4, () => this.divideOrModulo(d, pure)],
      [5, () => this.bitwise(d, pure)],
      [4, () => this.shift(d, pure)],
      [3, () => this.intTernary(d, pure)],
      [3, () => this.mathCall(d, pure)],
      [pure ? 1 : 4, () => this.intCall(d, pure)],
      [5, () => this.fromArray(d, pure)],
      [4, () => this.fromString(d, pure)],
      [2, () => this.intLogical(d, pure)],
      [2, () => this.optionalFallback(d, pure)],
      [1, () => {
        const b = this.boolExpr(d, pure);
        return expr("int", `${paren(b)} ? 1 : 0`, { lo: 0, hi: 1, literal: true, pure: b.pure });
      }],
      [this.model.wide ? 5 : 0, () => this.wideToInt(d, pure)],
      [this.model.fractions ? 2 : 0, () => {
        // A double made an int32 again (NaN and the infinities become 0).
        const x = this.numberExpr(d, pure);
        return expr("int", `${paren(x)} | 0`, { ...FULL_RANGE, pure: x.pure });
      }],
    ])();
    return e ?? this.intLeaf();
  }

  /** `e` brought into `r`: unchanged when it already lies there, else masked or clamped. */
  private reduceInto(e: Expr, r: IntRange): Expr {
    if (e.lo >= r.lo && e.hi <= r.hi) return e;
    const width = r.hi - r.lo + 1;
    const powerOfTwo = width > 0 && (width & (width - 1)) === 0 && width <= 2 ** 30;
    return this.rng.weighted<() => Expr>([
      [powerOfTwo ? 6 : 0, () => r.lo === 0
        ? expr("int", `${paren(e)} & ${width - 1}`, { lo: 0, hi: width - 1, pure: e.pure })
        : expr("int", `(${paren(e)} & ${width - 1}) - ${-r.lo}`, { lo: r.lo, hi: r.hi, pure: e.pure })],
      [2, () => {
        const clamp = (x: number) => Math.min(Math.max(x, r.lo), r.hi);
        return expr("int", `Math.min(Math.max(${e.code}, ${r.lo}), ${r.hi})`, { lo: clamp(e.lo), hi: clamp(e.hi), atom: true, pure: e.pure });
      }],
      [e.lo >= 0 && r.lo === 0 && r.hi < INT32_MAX ? 2 : 0, () =>
        expr("int", `${paren(e)} % ${r.hi + 1}`, { lo: 0, hi: Math.min(e.hi, r.hi), pure: e.pure })],
      [e.lo >= 0 && r.lo <= 0 ? 1 : 0, () => {
        let k = 1;
        while (e.hi / 2 ** k > r.hi) k++;
        return expr("int", `${paren(e)} >> ${k}`, { lo: 0, hi: Math.floor(e.hi / 2 ** k), pure: e.pure });
      }],
    ])();
  }

  private smallRange(nonNegative = false): IntRange {
    const ranges = nonNegative ? SMALL_RANGES.filter((r) => r.lo === 0) : SMALL_RANGES;
    return this.rng.pick(ranges);
  }

  /** The narrowest declared range that holds [lo, hi]. */
  private rangeHolding(lo: number, hi: number): IntRange {
    return VARIABLE_RANGES.find((r) => r.lo <= lo && r.hi >= hi) ?? FULL_RANGE;
  }

  /** `e`, made non-zero: `e | 1` (odd) or `(e & 7) + 1`. */
  private nonzero(e: Expr): Expr {
    if (!mayBeZero(e)) return e;
    return this.rng.chance(0.5)
      ? expr("int", `${paren(e)} | 1`, { lo: e.lo, hi: Math.min(e.hi + 1, INT32_MAX), nonzero: true, pure: e.pure })
      : expr("int", `(${paren(e)} & 7) + 1`, { lo: 1, hi: 8, nonzero: true, pure: e.pure });
  }

  private additive(d: number, pure: boolean): Expr {
    let a = this.intExpr(d, pure);
    let b = this.intExpr(d, pure);
    const plus = this.rng.chance(0.55);
    const range = () => (plus ? [a.lo + b.lo, a.hi + b.hi] : [a.lo - b.hi, a.hi - b.lo]);
    if (!fitsInt32(range()[0]!, range()[1]!)) {
      a = this.reduceInto(a, this.smallRange());
      b = this.reduceInto(b, this.smallRange());
    }
    const [lo, hi] = range();
    // `a - -5` reads oddly but is fine; a negative literal on the right is parenthesized.
    return expr("int", `${paren(a)} ${plus ? "+" : "-"} ${paren(b)}`, { lo, hi, pure: pureAll(a, b) });
  }

  private multiply(d: number, pure: boolean): Expr {
    let a = this.intExpr(d, pure);
    let b = this.rng.chance(0.5) ? this.intLiteral() : this.intExpr(d, pure);
    const products = () => [a.lo * b.lo, a.lo * b.hi, a.hi * b.lo, a.hi * b.hi];
    if (!fitsInt32(Math.min(...products()), Math.max(...products()))) {
      a = this.reduceInto(a, this.smallRange());
      b = this.reduceInto(b, this.smallRange());
    }
    // 0 times a negative number is -0.
    if ((mayBeZero(a) && b.lo < 0) || (mayBeZero(b) && a.lo < 0)) {
      if (this.rng.chance(0.5)) {
        a = this.nonzero(a);
        b = this.nonzero(b);
      } else {
        a = this.reduceInto(a, this.smallRange(true));
        b = this.reduceInto(b, this.smallRange(true));
        if (a.lo < 0 || b.lo < 0) throw new Error("internal: a non-negative range");
      }
    }
    if (!fitsInt32(Math.min(...products()), Math.max(...products()))) {
      return this.additive(d, pure);
    }
    const useImul = this.rng.chance(0.1);
    return expr("int", useImul ? `Math.imul(${a.code}, ${b.code})` : `${paren(a)} * ${paren(b)}`, {
      lo: Math.min(...products()), hi: Math.max(...products()), atom: useImul, pure: pureAll(a, b),
    });
  }

  private divideOrModulo(d: number, pure: boolean): Expr {
    let a = this.intExpr(d, pure);
    let b = this.nonzero(this.rng.chance(0.5) ? this.intLiteral() : this.intExpr(d, pure));
    const minAbsB = oneSigned(b) ? Math.min(Math.abs(b.lo), Math.abs(b.hi)) : 1;
    if (this.rng.chance(0.5)) {
      // Truncating division: `| 0` drops the fraction and turns -0 into 0.
      let lo: number;
      let hi: number;
      if (oneSigned(b)) {
        const corners = [a.lo / b.lo, a.lo / b.hi, a.hi / b.lo, a.hi / b.hi].map(Math.trunc);
        lo = Math.min(...corners);
        hi = Math.max(...corners);
      } else {
        lo = -maxAbs(a);
        hi = maxAbs(a);
      }
      if (!fitsInt32(lo, hi)) [lo, hi] = [INT32_MIN, INT32_MAX]; // -2^31 / -1 wraps to -2^31
      return expr("int", `(${paren(a)} / ${paren(b)}) | 0`, { lo: lo + 0, hi: hi + 0, pure: pureAll(a, b) });
    }
    // a % b has a's sign, and is -0 when a is a negative multiple of b.
    if (a.lo < 0 && maxAbs(a) >= minAbsB) {
      const evenLiteral = b.literal && b.lo % 2 === 0;
      if (evenLiteral && this.rng.chance(0.6)) {
        a = expr("int", `${paren(a)} | 1`, { lo: a.lo, hi: Math.min(a.hi + 1, INT32_MAX), nonzero: true, pure: a.pure });
      } else {
        a = this.reduceInto(a, this.smallRange(true));
        if (a.lo < 0) throw new Error("internal: a non-negative range");
      }
    }
    const bound = maxAbs(b) - 1;
    const lo = a.lo >= 0 ? 0 : Math.max(a.lo, -bound);
    const hi = Math.min(Math.max(a.hi, 0), bound);
    return expr("int", `${paren(a)} % ${paren(b)}`, { lo, hi, pure: pureAll(a, b) });
  }

  private bitwise(d: number, pure: boolean): Expr {
    const a = this.intExpr(d, pure);
    if (this.rng.chance(0.15)) {
      return expr("int", `~${paren(a)}`, { lo: -a.hi - 1, hi: -a.lo - 1, pure: a.pure });
    }
    const b = this.rng.chance(0.4) ? this.intLiteral() : this.intExpr(d, pure);
    const op = this.rng.pick(["&", "|", "^"]);
    let lo = INT32_MIN;
    let hi = INT32_MAX;
    const bits = (x: number) => 2 ** Math.ceil(Math.log2(x + 1)) - 1;
    if (a.lo >= 0 && b.lo >= 0) {
      lo = 0;
      hi = op === "&" ? Math.min(a.hi, b.hi) : bits(Math.max(a.hi, b.hi));
    } else if (op === "&" && (a.lo >= 0 || b.lo >= 0)) {
      lo = 0;
      hi = a.lo >= 0 ? a.hi : b.hi;
    }
    return expr("int", `${paren(a)} ${op} ${paren(b)}`, { lo, hi, pure: pureAll(a, b) });
  }

  private shift(d: number, pure: boolean): Expr {
    const a = this.intExpr(d, pure);
    const op = this.rng.pick(this.unsignedShift ? ["<<", ">>", ">>>"] : ["<<", ">>", ">>"]);
    let count: Expr;
    let kLo: number;
    let kHi: number;
    if (this.rng.chance(0.7)) {
      const k = this.rng.weighted([[6, this.rng.between(0, 8)], [2, this.rng.between(9, 31)], [1, this.rng.between(32, 40)]] as const);
      count = expr("int", String(k), { lo: k, hi: k, atom: true, literal: true });
      kLo = kHi = k & 31;
    } else {
      const c = this.intExpr(d, pure);
      count = expr("int", `${paren(c)} & 31`, { lo: 0, hi: 31, pure: c.pure });
      kLo = 0;
      kHi = 31;
      if (c.lo >= 0 && c.hi <= 31) [kLo, kHi] = [c.lo, c.hi];
    }
    let lo = INT32_MIN;
    let hi = INT32_MAX;
    let left = a;
    if (op === "<<") {
      if (fitsInt32(Math.min(a.lo * 2 ** kHi, a.lo), Math.max(a.hi * 2 ** kHi, a.hi))) {
        lo = Math.min(a.lo * 2 ** kLo, a.lo * 2 ** kHi);
        hi = Math.max(a.hi * 2 ** kLo, a.hi * 2 ** kHi);
      }
    } else if (op === ">>") {
      lo = Math.min(a.lo >> kLo, a.lo >> kHi);
      hi = Math.max(a.hi >> kLo, a.hi >> kHi);
    } else if (a.lo >= 0) {
      if (a.hi >>> kLo >= 2 ** 30) {
        // int-checked-run.ts holds `>>>` results below 2^30: an odd count shifts by 1 or more.
        count = expr("int", `${paren(count)} | 1`, { lo: 1, hi: 31, pure: count.pure });
        kLo = 1;
        kHi = 31;
      }
      lo = a.lo >>> kHi;
      hi = a.hi >>> kLo;
    } else {
      // A negative number shifted right without sign is 2^32 + a; by 2 or more it stays below
      // 2^30 (int-checked-run.ts holds the programs to that).
      if (kLo < 2) {
        count = expr("int", `${paren(count)} | 2`, { lo: 2, hi: 31, pure: count.pure });
        kLo = 2;
        kHi = 31;
      }
      lo = 0;
      hi = Math.floor((2 ** 32 - 1) / 2 ** kLo);
      left = a;
    }
    // In parentheses, and a computed count behind a unary `+`: after `<<` TypeScript tries to
    // read type arguments (`x << (a) > (b)`, `x << 3, y > (z)`; see relation()), and `+` cannot
    // start a type.
    const countCode = op === "<<" && !count.literal ? `+${paren(count)}` : paren(count);
    const code = `${paren(left)} ${op} ${countCode}`;
    return expr("int", op === "<<" ? `(${code})` : code, { lo, hi, atom: op === "<<", pure: pureAll(left, count) });
  }

  private intTernary(d: number, pure: boolean): Expr {
    const c = this.boolExpr(d, pure);
    const a = this.intExpr(d, pure);
    const b = this.intExpr(d, pure);
    return expr("int", `${paren(c)} ? ${a.code} : ${paren(b)}`, {
      lo: Math.min(a.lo, b.lo), hi: Math.max(a.hi, b.hi), literal: a.literal && b.literal, pure: pureAll(c, a, b),
    });
  }

  private mathCall(d: number, pure: boolean): Expr {
    const a = this.intExpr(d, pure);
    const b = this.intExpr(d, pure);
    return this.rng.weighted<() => Expr>([
      [3, () => expr("int", `Math.min(${a.code}, ${b.code})`, { lo: Math.min(a.lo, b.lo), hi: Math.min(a.hi, b.hi), atom: true, pure: pureAll(a, b) })],
      [3, () => expr("int", `Math.max(${a.code}, ${b.code})`, { lo: Math.max(a.lo, b.lo), hi: Math.max(a.hi, b.hi), atom: true, pure: pureAll(a, b) })],
      [a.lo > INT32_MIN ? 2 : 0, () => expr("int", `Math.abs(${a.code})`, {
        lo: a.lo >= 0 ? a.lo : a.hi <= 0 ? -a.hi : 0, hi: maxAbs(a), atom: true, pure: a.pure,
      })],
      [1, () => expr("int", `Math.sign(${a.code})`, { lo: Math.sign(a.lo), hi: Math.sign(a.hi), atom: true, pure: a.pure })],
      [1, () => expr("int", `Math.imul(${a.code}, ${b.code})`, { ...FULL_RANGE, atom: true, pure: pureAll(a, b) })],
    ])();
  }

  private intLogical(d: number, pure: boolean): Expr | undefined {
    const a = this.intExpr(d, pure);
    if (a.literal) return undefined; // `5 || x` is a TypeScript error (always truthy)
    const b = this.intExpr(d, pure);
    const or = this.rng.chance(0.5);
    const lo = or ? Math.min(a.lo, b.lo) : Math.min(mayBeZero(a) ? 0 : b.lo, b.lo);
    const hi = or ? Math.max(a.hi, b.hi) : Math.max(mayBeZero(a) ? 0 : b.hi, b.hi);
    // `x && 6` has the type 0 | 6 in TypeScript.
    return expr("int", `${paren(a)} ${or ? "||" : "&&"} ${paren(b)}`, { lo, hi, literal: !or && b.literal, pure: pureAll(a, b) });
  }

  private optionalFallback(d: number, pure: boolean): Expr | undefined {
    const o = this.optionalExpr(d, pure);
    if (!o) return undefined;
    const b = this.intExpr(d, pure);
    return expr("int", `${paren(o)} ?? ${paren(b)}`, { lo: Math.min(o.lo, b.lo), hi: Math.max(o.hi, b.hi), literal: o.literal && b.literal, pure: pureAll(o, b) });
  }

  private intCall(d: number, pure: boolean): Expr | undefined {
    const candidates = this.callables().filter((c) => c.result.kind === "int" && (!pure || c.pure));
    const arrays = pure ? [] : this.closureArrays();
    if (candidates.length === 0 && arrays.length === 0) return undefined;
    if (arrays.length > 0 && (candidates.length === 0 || this.rng.chance(0.3))) {
      const fa = this.rng.pick(arrays);
      const index = this.rng.between(0, fa.length - 1);
      const arg = this.reduceInto(this.intExpr(d, pure), fa.param);
      this.spend(fa.cost);
      return expr("int", `${fa.name}[${index}](${arg.code})`, { ...fa.result, atom: true, pure: false });
    }
    const c = this.rng.pick(candidates);
    return expr("int", this.call(c, d, pure), { lo: c.result.lo, hi: c.result.hi, atom: true, pure: c.pure });
  }

  /** `name(args)` with each argument brought into its parameter's shape. */
  private call(c: Callable, d: number, pure: boolean): string {
    this.spend(c.cost);
    if (!c.pure) this.fn.assignsOuter = true;
    const args = c.params.map((p, i) => {
      if (i === 0 && c.depth !== undefined) return String(this.rng.between(0, c.depth));
      return this.argument(p, d, pure).code;
    });
    return `${c.name}(${args.join(", ")})`;
  }

  private argument(p: Shape, d: number, pure: boolean): Expr {
    switch (p.kind) {
      case "int": return this.reduceInto(this.intExpr(d, pure), p);
      case "str": return this.capString(this.strExpr(d, pure), p.len);
      case "bool": return this.boolExpr(d, pure);
      case "ints": return this.capArray(this.intsExpr(d, pure), p.len);
      case "num": return this.wideExpr(d, pure);
    }
  }

  private fromArray(d: number, pure: boolean): Expr | undefined {
    const arrays = this.variables("ints");
    const strArrays = this.variables("strs");
    if (arrays.length === 0 && strArrays.length === 0) return undefined;
    if (arrays.length === 0 || (strArrays.length > 0 && this.rng.chance(0.25))) {
      const ss = this.rng.pick(strArrays);
      return this.rng.weighted<() => Expr>([
        [3, () => expr("int", `${ss.name}.length`, { lo: 0, hi: ss.len, atom: true })],
        [2, () => {
          const s = this.strExpr(d, pure);
          return expr("int", `${ss.name}.indexOf(${s.code})`, { lo: -1, hi: ss.len - 1, atom: true, pure: s.pure });
        }],
        [2, () => expr("int", `${ss.name}.reduce((n, t) => n + t.length, 0)`, { lo: 0, hi: ss.len * ss.elemLen, atom: true })],
      ])();
    }
    const xs = this.rng.pick(arrays);
    return this.rng.weighted<() => Expr>([
      [4, () => expr("int", `${xs.name}.length`, { lo: 0, hi: xs.len, atom: true })],
      [5, () => this.elementRead(xs, d)],
      [2, () => {
        const v = this.intExpr(d, pure);
        const method = this.rng.pick(["indexOf", "lastIndexOf", "findIndex"]);
        if (method === "findIndex") {
          const cb = this.predicate(xs, d);
          return expr("int", `${xs.name}.findIndex(${cb.code})`, { lo: -1, hi: xs.len - 1, atom: true, pure: cb.pure });
        }
        return expr("int", `${xs.name}.${method}(${v.code})`, { lo: -1, hi: xs.len - 1, atom: true, pure: v.pure });
      }],
      [3, () => this.reduceCall(xs, d)],
      [1, () => {
        const cb = this.predicate(xs, d);
        return expr("int", `${xs.name}.filter(${cb.code}).length`, { lo: 0, hi: xs.len, atom: true, pure: cb.pure });
      }],
    ])();
  }

  /** `xs[i]`, in range by construction or with a fallback for an index past the end. */
  private elementRead(xs: Variable, d: number): Expr {
    const fallback = this.intLiteral();
    const lo = Math.min(xs.lo, fallback.lo);
    const hi = Math.max(xs.hi, fallback.hi);
    if (this.rng.chance(0.4)) {
      const k = this.rng.chance(0.6)
        ? String(this.rng.between(0, xs.len + 1))
        : this.reduceInto(this.intExpr(d, true), { lo: 0, hi: 15 }).code;
      return expr("int", `${xs.name}[${k}] ?? ${paren(fallback)}`, { lo, hi });
    }
    const k = this.reduceInto(this.intExpr(d, true), { lo: 0, hi: 255 });
    return expr("int", `${xs.name}.length > 0 ? ${xs.name}[${paren(k)} % ${xs.name}.length] : ${paren(fallback)}`, { lo, hi });
  }

  private reduceCall(xs: Variable, d: number): Expr {
    const acc = this.name("acc");
    const v = this.name("v");
    const r = this.smallRange();
    const init = this.reduceInto(this.intLiteral(), r);
    return this.withScope(() => {
      this.declare(this.intVariable(acc, r, false));
      this.declare(this.intVariable(v, xs, false));
      const step = this.scaled(xs.len, () => this.reduceInto(this.intExpr(Math.min(d, 1), true), r));
      this.spend(xs.len);
      return expr("int", `${xs.name}.reduce((${acc}, ${v}) => ${step.code}, ${init.code})`, { lo: r.lo, hi: r.hi, atom: true });
    });
  }

  private fromString(d: number, pure: boolean): Expr {
    const vars = this.variables("str");
    const s = vars.length > 0 && this.rng.chance(0.7) ? this.rng.pick(vars) : undefined;
    const subject = s ? expr("str", s.name, { len: s.len, chars: s.chars, atom: true }) : this.strExpr(d, pure);
    return this.rng.weighted<() => Expr>([
      [4, () => expr("int", `${paren(subject)}.length`, { lo: 0, hi: subject.len, atom: true, pure: subject.pure })],
      [3, () => {
        const t = this.strExpr(d, pure);
        return expr("int", `${paren(subject)}.indexOf(${t.code})`, { lo: -1, hi: subject.len, atom: true, pure: pureAll(subject, t) });
      }],
      [s ? 4 : 0, () => {
        // charCodeAt past the end is NaN: index modulo the length, after checking it is not 0.
        const k = this.reduceInto(this.intExpr(d, true), { lo: 0, hi: 255 });
        const fallback = this.intLiteral();
        return expr("int", `${s!.name}.length > 0 ? ${s!.name}.charCodeAt(${paren(k)} % ${s!.name}.length) : ${paren(fallback)}`, {
          lo: Math.min(0, fallback.lo), hi: Math.max(0xffff, fallback.hi),
        });
      }],
    ])();
  }

  private intVariable(name: string, r: { lo: number; hi: number }, mutable: boolean): Variable {
    return { name, kind: "int", mutable, mutableElements: false, lo: r.lo, hi: r.hi, len: 0, elemLen: 0, chars: Chars.Ascii };
  }

  // -------------------------------------------------------------------------------------
  // Doubles (the float64 model only): fractions, plain division, Math with double results.

  /** A number for printing, comparing and concatenating: an int, or in the float64 model any double. */
  private numberExpr(depth: number, pure = false): Expr {
    if (this.model.wide) return this.wideExpr(depth, pure);
    if (!this.model.fractions || this.rng.chance(0.45)) return this.intExpr(depth, pure);
    if (depth <= 0) return this.rng.chance(0.6) ? this.numberLeaf() : this.intLeaf();
    const d = depth - 1;
    const a = () => this.numberExpr(d, pure);
    return this.rng.weighted<() => Expr>([
      [3, () => this.numberLeaf()],
      [5, () => {
        const x = a();
        const y = a();
        return expr("num", `${paren(x)} ${this.rng.pick(["+", "-", "*", "*", "%"])} ${paren(y)}`, { pure: pureAll(x, y) });
      }],
      [this.model.plainDivision ? 4 : 0, () => {
        const x = a();
        const y = a();
        return expr("num", `${paren(x)} / ${paren(y)}`, { pure: pureAll(x, y) });
      }],
      [1, () => {
        const x = a();
        return expr("num", `-${paren(x)}`, { literal: x.literal, pure: x.pure });
      }],
      [this.model.mathDoubles ? 4 : 0, () => {
        const x = a();
        const f = this.rng.pick(["sqrt", "cbrt", "floor", "ceil", "round", "trunc", "abs", "sign", "sin", "cos", "tan", "atan",
          "exp", "expm1", "log", "log1p", "log2", "log10", "fround"]);
        return expr("num", `Math.${f}(${x.code})`, { atom: true, pure: x.pure });
      }],
      [this.model.mathDoubles ? 2 : 0, () => {
        const x = a();
        const y = a();
        const f = this.rng.pick(["atan2", "hypot", "pow", "min", "max"]);
        return expr("num", `Math.${f}(${x.code}, ${y.code})`, { atom: true, pure: pureAll(x, y) });
      }],
    ])();
  }

  /** A double literal (some of them the edges of formatting), a special value or a variable. */
  private numberLeaf(): Expr {
    const vars = this.variables("num");
    if (vars.length > 0 && this.rng.chance(0.4)) return expr("num", this.rng.pick(vars).name, { atom: true });
    const text = this.rng.pick([
      "0.5", "0.25", "0.1", "0.2", "3.75", "123.456", "1e-3", "1e-7", "2.5e6", "1e21", "9007199254740993",
      "5e-324", "1.7976931348623157e308", "-1.5", "-0.125", "-0", "(1 / 3)", "(0 / 0)", "(1 / 0)", "(-1 / 0)", "Math.PI", "Math.E",
    ]);
    return expr("num", text, { atom: !text.startsWith("-"), literal: /^-?[\d.]+(e[-+]?\d+)?$/.test(text) });
  }

  // -------------------------------------------------------------------------------------
  // Integral numbers (the integral model only): integer arithmetic that is allowed to leave
  // int32. A "num" here is any double an integer computation can give — beyond int32, past
  // 2^53, the infinities, -0 (0 * -1, -x of 0, -4 % 2) and NaN (x % 0, Infinity - Infinity,
  // charCodeAt past the end) — and never a fraction: no non-integer literal, no `/` except
  // `(a / b) | 0`, only the integer Math members, no Number.*, toFixed or parseInt. So the
  // compiler picks its "integral" number model for every such program (generate.test.ts).

  /** A number of the integral model: an int, or any integer-valued double. */
  /** `for (let i = 0; i < name.length; i++) { … }` over an array of `len` elements, with i
   *  declared in [0, len - 1] and the loop counted in the work budget. */
  private forEachIndex(name: string, len: number, body: (i: string) => void): void {
    const i = this.name("i");
    const saved = this.fn.loopProduct;
    this.block(`for (let ${i} = 0; ${i} < ${name}.length; ${i}++)`, () => {
      this.fn.loopProduct = saved * len;
      this.declare(this.intVariable(i, { lo: 0, hi: len - 1 }, false));
      body(i);
    });
    this.fn.loopProduct = saved;
  }

  private wideExpr(depth: number, pure = false): Expr {
    if (this.rng.chance(0.35)) return this.intExpr(depth, pure);
    if (depth <= 0) return this.wideLeaf();
    const d = depth - 1;
    const a = () => this.wideExpr(d, pure);
    const nums = this.variables("nums");
    const strs = this.variables("str");
    const e = this.rng.weighted<() => Expr | undefined>([
      [3, () => this.wideLeaf()],
      [9, () => {
        const x = a();
        const y = a();
        const op = this.rng.pick(["+", "-", "*", "*", "%"]);
        if (op === "*") return expr("num", `${paren(this.factor(x))} * ${paren(this.factor(y))}`, { pure: pureAll(x, y) });
        return expr("num", `${paren(x)} ${op} ${paren(y)}`, { pure: pureAll(x, y) });
      }],
      [3, () => {
        // A chain of products: past 2^53 (rounded as Node rounds), 1e20 … 1e300, Infinity.
        const factors = Array.from({ length: this.rng.between(3, 5) }, () => this.factor(this.rng.chance(0.6) ? this.wideLeaf() : this.intLeaf()));
        return expr("num", factors.map(paren).join(" * "), { pure: pureAll(...factors) });
      }],
      [2, () => {
        const x = a();
        return expr("num", `-${paren(x)}`, { literal: x.literal, pure: x.pure });
      }],
      [2, () => {
        const x = a();
        const f = this.rng.pick(["abs", "abs", "sign", "floor", "ceil", "round", "trunc"]);
        return expr("num", `Math.${f}(${x.code})`, { atom: true, pure: x.pure });
      }],
      [2, () => {
        const args = Array.from({ length: this.rng.weighted([[4, 2], [1, 3]] as const) }, a);
        return expr("num", `Math.${this.rng.pick(["min", "max"])}(${args.map((x) => x.code).join(", ")})`, { atom: true, pure: pureAll(...args) });
      }],
      [2, () => {
        // Up to 2^32 - 1; the count may be any number (only its low five bits count).
        const x = a();
        const count = this.rng.weighted<() => Expr>([
          [4, () => expr("int", "0", { atom: true, literal: true })],
          [3, () => {
            const k = this.rng.between(1, 40);
            return expr("int", String(k), { atom: true, literal: true });
          }],
          [2, () => this.intExpr(d, pure)],
          [1, a],
        ])();
        return expr("num", `${paren(x)} >>> ${paren(count)}`, { pure: pureAll(x, count) });
      }],
      [1, () => {
        const c = this.boolExpr(d, pure);
        const x = a();
        const y = a();
        return expr("num", `${paren(c)} ? ${x.code} : ${paren(y)}`, { literal: x.literal && y.literal, pure: pureAll(c, x, y) });
      }],
      [1, () => {
        // -0, NaN and 0 are falsy: `-0 || x` is x, `-0 && x` is -0.
        const x = a();
        if (x.literal) return undefined; // `5 || x` is a TypeScript error (always truthy)
        const y = a();
        const op = this.rng.pick(["||", "&&"]);
        // `x && 6` has the type 0 | 6 in TypeScript.
        return expr("num", `${paren(x)} ${op} ${paren(y)}`, { literal: op === "&&" && y.literal, pure: pureAll(x, y) });
      }],
      [this.charCodeNaN && strs.length > 0 ? 2 : 0, () => {
        // Past the end (or before the start) charCodeAt is NaN.
        const s = this.rng.pick(strs);
        const k = this.rng.chance(0.5) ? String(this.rng.between(0, 45)) : this.intExpr(d, true).code;
        return expr("num", `${s.name}.charCodeAt(${k})`, { atom: true });
      }],
      [nums.length > 0 ? 3 : 0, () => {
        const ds = this.rng.pick(nums);
        return this.rng.weighted<() => Expr>([
          [3, () => {
            const fallback = this.wideLeaf();
            return expr("num", `${ds.name}[${this.rng.between(0, ds.len + 1)}] ?? ${paren(fallback)}`, { pure: fallback.pure });
          }],
          [2, () => {
            const k = this.reduceInto(this.intExpr(d, true), { lo: 0, hi: 255 });
            const fallback = this.wideLeaf();
            return expr("num", `${ds.name}.length > 0 ? ${ds.name}[${paren(k)} % ${ds.name}.length] : ${paren(fallback)}`, { pure: fallback.pure });
          }],
          [2, () => {
            this.spend(ds.len);
            return expr("num", `${ds.name}.reduce(${this.rng.pick(["(a, b) => a + b, 0", "(a, b) => a * b, 1", "(a, b) => a * 31 + b, 7",
              "(a, b) => Math.max(a, b), -Infinity", "(a, b) => Math.min(a, b), Infinity", "(a, b) => a - b, -0"])})`, { atom: true });
          }],
        ])();
      }],
      [pure ? 0 : 1, () => {
        const fns = this.callables().filter((c) => c.result.kind === "num");
        if (fns.length === 0) return undefined;
        const c = this.rng.pick(fns);
        return expr("num", this.call(c, d, pure), { atom: true, pure: c.pure });
      }],
      [1, () => {
        const o = this.optionalExpr(d, pure);
        if (!o) return undefined;
        const y = a();
        return expr("num", `${paren(o)} ?? ${paren(y)}`, { literal: o.literal && y.literal, pure: pureAll(o, y) });
      }],
    ])();
    return e ?? this.wideLeaf();
  }

  /** `e` as a factor of a product: never 0 as written, unless zeroFactors (GenerateOptions). */
  private factor(e: Expr): Expr {
    if (this.zeroFactors || e.kind !== "int" || e.lo !== 0 || e.hi !== 0) return e;
    return expr("int", String(this.rng.pick([1, -1, 3, -7])), { lo: 1, hi: 1, nonzero: true, atom: true, literal: true });
  }

  /** A num variable, an integer literal beyond int32 (some of them the edges of printing), or a special value. */
  private wideLeaf(): Expr {
    const vars = this.variables("num");
    if (vars.length > 0 && this.rng.chance(0.45)) return expr("num", this.rng.pick(vars).name, { atom: true });
    if (this.rng.chance(0.2)) return this.intLeaf();
    const text = this.rng.pick(WIDE_LITERALS);
    return expr("num", text, { atom: !text.startsWith("-"), literal: /^-?\d/.test(text) });
  }

  /** A num made an int32 again (or an int computed from one): `| 0`, `>>>` by 1 or more, masks, … */
  private wideToInt(d: number, pure: boolean): Expr {
    const x = this.wideExpr(d, pure);
    const nums = this.variables("nums");
    // An int stays in its interval (and may be known 0: see factor).
    const int = x.kind === "int";
    return this.rng.weighted<() => Expr>([
      [5, () => expr("int", `${paren(x)} | 0`, { ...(int ? { lo: x.lo, hi: x.hi } : FULL_RANGE), pure: x.pure })],
      [2, () => {
        const k = this.rng.between(1, 31);
        const known = int && x.lo >= 0;
        return expr("int", `${paren(x)} >>> ${k}`, { lo: known ? x.lo >>> k : 0, hi: known ? x.hi >>> k : 2 ** (32 - k) - 1, pure: x.pure });
      }],
      [2, () => {
        const mask = this.rng.pick([1, 15, 255, 0xffff, 0x7fffffff]);
        return expr("int", `${paren(x)} & ${mask}`, { lo: 0, hi: int && x.lo >= 0 ? Math.min(x.hi, mask) : mask, pure: x.pure });
      }],
      [1, () => {
        const k = this.rng.between(0, 31);
        return expr("int", `${paren(x)} >> ${k}`, int
          ? { lo: x.lo >> k, hi: x.hi >> k, pure: x.pure }
          : { lo: -(2 ** (31 - k)), hi: 2 ** (31 - k) - 1, pure: x.pure });
      }],
      [1, () => expr("int", `~${paren(x)}`, { ...FULL_RANGE, pure: x.pure })],
      [1, () => {
        const y = this.intExpr(d, pure);
        return expr("int", `${paren(x)} ^ ${paren(y)}`, { ...FULL_RANGE, pure: pureAll(x, y) });
      }],
      [1, () => {
        const y = this.wideExpr(d, pure);
        return expr("int", `Math.imul(${x.code}, ${y.code})`, { ...FULL_RANGE, atom: true, pure: pureAll(x, y) });
      }],
      [1, () => {
        const y = this.model.wide && this.rng.chance(0.5) ? this.wideExpr(d, pure) : this.intExpr(d, pure);
        return expr("int", `Math.clz32(${y.code})`, { lo: 0, hi: 32, atom: true, pure: y.pure });
      }],
      [2, () => {
        // The truncating division of two doubles (a zero divisor gives ±Infinity or NaN: 0).
        const y = this.wideExpr(d, pure);
        return expr("int", `(${paren(x)} / ${paren(y)}) | 0`, { ...FULL_RANGE, pure: pureAll(x, y) });
      }],
      [x.literal ? 0 : 1, () => {
        // `5 ? a : b` is a TypeScript error (always truthy).
        const a = this.intExpr(d, pure);
        const b = this.intExpr(d, pure);
        return expr("int", `${paren(x)} ? ${a.code} : ${paren(b)}`, {
          lo: Math.min(a.lo, b.lo), hi: Math.max(a.hi, b.hi), literal: a.literal && b.literal, pure: pureAll(x, a, b),
        });
      }],
      [nums.length > 0 ? 1 : 0, () => {
        const ds = this.rng.pick(nums);
        return this.rng.chance(0.5)
          ? expr("int", `${ds.name}.length`, { lo: 0, hi: ds.len, atom: true })
          : expr("int", `${ds.name}.${this.rng.pick(["indexOf", "lastIndexOf"])}(${x.code})`, { lo: -1, hi: ds.len - 1, atom: true, pure: x.pure });
      }],
    ])();
  }

  /** A number[] of nums (integral model). */
  private numsExpr(depth: number, pure = false): Expr {
    const d = Math.max(depth - 1, 0);
    const nums = this.variables("nums");
    const ints = this.variables("ints");
    const from = nums.length > 0 ? this.rng.pick(nums) : undefined;
    /** The body of a callback over `source`'s elements (`name`) or indices (`index`). */
    const element = (name: string | undefined, source: { len: number }, body: () => Expr, index?: string): Expr => this.withScope(() => {
      if (name) this.declare({ name, kind: "num", mutable: false, mutableElements: false, lo: 0, hi: 0, len: 0, elemLen: 0, chars: Chars.Ascii });
      if (index) this.declare(this.intVariable(index, { lo: 0, hi: Math.max(source.len - 1, 0) }, false));
      this.spend(source.len);
      return this.scaled(source.len, body);
    });
    const e = this.rng.weighted<() => Expr | undefined>([
      [5, () => {
        const elements = Array.from({ length: this.rng.between(1, 6) }, () => this.wideExpr(d, pure));
        return expr("nums", `[${elements.map((x) => x.code).join(", ")}]`, { len: elements.length, atom: true, pure: pureAll(...elements) });
      }],
      [ints.length > 0 ? 3 : 0, () => {
        const xs = this.rng.pick(ints);
        const v = this.name("v");
        return this.withScope(() => {
          this.declare(this.intVariable(v, xs, false));
          const body = this.scaled(xs.len, () => this.wideExpr(Math.min(d, 1), true));
          this.spend(xs.len);
          return expr("nums", `${xs.name}.map((${v}) => ${body.code})`, { len: xs.len, atom: true });
        });
      }],
      [from ? 3 : 0, () => {
        const v = this.name("v");
        const body = element(v, from!, () => this.wideExpr(Math.min(d, 1), true));
        return expr("nums", `${from!.name}.map((${v}) => ${body.code})`, { len: from!.len, atom: true });
      }],
      [from ? 2 : 0, () => {
        const v = this.name("v");
        const body = element(v, from!, () => this.boolExpr(Math.min(d, 1), true));
        return expr("nums", `${from!.name}.filter((${v}) => ${body.code})`, { len: from!.len, atom: true });
      }],
      [from && this.canConvert(from.len * 4) ? 2 : 0, () => {
        this.spend(from!.len * 3);
        this.convert(from!.len * 4);
        // Only the default order (as strings): a comparator is inconsistent with NaN in the array.
        return expr("nums", `${from!.name}.slice().sort()`, { len: from!.len, atom: true });
      }],
      [from ? 1 : 0, () => expr("nums", `${from!.name}.slice(${this.sliceArguments()})`, { len: from!.len, atom: true })],
      [from ? 1 : 0, () => {
        const x = this.wideExpr(d, pure);
        return expr("nums", `[...${from!.name}, ${x.code}]`, { len: from!.len + 1, atom: true, pure: x.pure });
      }],
      [2, () => {
        const length = this.rng.between(0, 8);
        const i = this.name("i");
        const body = element(undefined, { len: length }, () => this.wideExpr(Math.min(d, 1), true), i);
        return expr("nums", `Array.from({ length: ${length} }, (_, ${i}) => ${body.code})`, { len: length, atom: true });
      }],
    ])();
    return e ?? expr("nums", `[${this.wideLeaf().code}]`, { len: 1, atom: true });
  }

  private numsVariableExpr(): Expr | undefined {
    const nums = this.variables("nums");
    return nums.length > 0 ? expr("nums", this.rng.pick(nums).name, { atom: true }) : undefined;
  }

  /** Updates a number[] of nums in place. */
  private numsMutation(ds: Variable): void {
    this.noteAssignment(ds);
    this.rng.weighted<() => void>([
      [4, () => this.emit(`if (${ds.name}.length < ${ds.len}) ${ds.name}.push(${this.wideExpr(2).code});`)],
      [1, () => this.emit(`${ds.name}.pop();`)],
      [3, () => {
        const k = this.reduceInto(this.intExpr(1, true), { lo: 0, hi: 255 });
        this.emit(`if (${ds.name}.length > 0) ${ds.name}[${paren(k)} % ${ds.name}.length] = ${this.wideExpr(2).code};`);
      }],
      [this.canConvert(ds.len * 4) ? 2 : 0, () => {
        // Sorted as strings: every comparison may convert both numbers.
        this.spend(ds.len * 3);
        this.convert(ds.len * 4);
        this.emit(`${ds.name}.sort();`);
      }],
      [1, () => this.emit(`${ds.name}.reverse();`)],
      [1, () => this.emit(`${ds.name}.fill(${this.wideExpr(1).code}, ${this.rng.between(0, 3)}, ${this.rng.between(1, 6)});`)],
      [1, () => this.emit(`${ds.name}.splice(${this.rng.between(0, 3)}, ${this.rng.between(0, 2)});`)],
      [2, () => this.forEachIndex(ds.name, ds.len, (i) => {
        const e = this.wideExpr(1, true);
        const op = this.rng.pick(["*", "+", "-", "%"]);
        this.emit(`${ds.name}[${i}] = ${ds.name}[${i}] ${op} ${paren(op === "*" ? this.factor(e) : e)};`);
      })],
    ])();
  }

  /**
   * A small computation that leaves int32 on purpose: a string hash without `| 0`, a running
   * product, Fibonacci numbers past 2^53, doubling, a 32-bit generator kept with `>>> 0`,
   * power by squaring, or -0 and NaN shown every way they print. Its variables are nums the
   * rest of the program goes on using. False when it wrote nothing (no array to hash, no work
   * left in the budget).
   */
  private wideKernel(): boolean {
    const lines = this.lines.length;
    const strings = this.variables("str");
    const arrays = this.variables("ints");
    const num = (name: string): Variable => this.declare({ name, kind: "num", mutable: true, mutableElements: false, lo: 0, hi: 0, len: 0, elemLen: 0, chars: Chars.Ascii });
    const canPrint = (lines: number) => this.fn.kind === "program" && this.printed + lines * this.fn.loopProduct <= LIMITS.printedLines;
    /** console.log(args) if the budgets allow, `numbers` of them nums. */
    const print = (args: string[], numbers: number, lines = 1) => {
      if (!canPrint(lines) || !this.canConvert(numbers * lines)) return false;
      this.printed += lines * this.fn.loopProduct;
      this.convert(numbers * lines);
      this.emit(`console.log(${args.join(", ")});`);
      return true;
    };
    /** A loop of at most `max` iterations of `perIteration` statements that the budget allows (0: none). */
    const iterations = (max: number, perIteration: number) => {
      let n = this.rng.between(1, max);
      while (n > 1 && !this.affordable(n * perIteration)) n = Math.floor(n / 2);
      return this.affordable(n * perIteration) ? n : 0;
    };
    // Not 0 unless zeroFactors: `let p = 0; … p *= x` is a product with a factor the compiler knows is 0.
    const start = () => this.rng.chance(0.3) ? this.factor(this.wideLeaf()).code : this.rng.pick([this.zeroFactors ? "0" : "2", "1", "-1", "7", "5381", "2166136261", "0 * -1"]);
    const i = this.name("i");
    this.rng.weighted<() => void>([
      [4, () => {
        // A string hash, h = h * 31 + c without `| 0` (and its relatives).
        const s = strings.length > 0 && this.rng.chance(0.75) ? this.rng.pick(strings) : undefined;
        const subject = s ? s.name : this.strLiteral().code;
        const len = s ? s.len : 12;
        if (!this.affordable(len * 2)) return;
        const h = this.name("h");
        const forOf = this.rng.chance(0.3);
        const c = forOf ? `${i}.charCodeAt(0)` : `${subject}.charCodeAt(${i})`;
        const k = this.rng.pick([31, 33, 37, 131, 257, 65599, 1000003, 16777619, 2147483647]);
        const step = this.rng.pick([
          `${h} * ${k} + ${c}`, `${h} * ${k} + ${c}`, `${h} * ${k} - ${c}`, `(${h} << 5) - ${h} + ${c}`, `(${h} ^ ${c}) * ${k}`,
          `(${h} * ${k} + ${c}) >>> 0`, `(${h} * ${k} + ${c}) % ${this.rng.pick([65521, 1000000007, 2147483647, 4294967296])}`,
          `${h} * ${k} + ${c} | 0`, `${h} + ${c} * ${c} * ${k}`, `-${h} * ${k} + ${c}`,
        ]);
        this.emit(`let ${h}: number = ${start()};`);
        this.emit(forOf ? `for (const ${i} of ${subject}) ${h} = ${step};` : `for (let ${i} = 0; ${i} < ${subject}.length; ${i}++) ${h} = ${step};`);
        this.spend(len * 2);
        num(h);
        if (this.rng.chance(0.6)) print([JSON.stringify("hash"), h], 1);
      }],
      [2, () => {
        // A hash of an int array.
        if (arrays.length === 0) return;
        const xs = this.rng.pick(arrays);
        if (!this.affordable(xs.len * 2)) return;
        const h = this.name("h");
        const k = this.rng.pick([31, 1000, 65536, 1000003, 4294967296]);
        this.emit(`let ${h}: number = ${start()};`);
        this.emit(`for (const ${i} of ${xs.name}) ${h} ${this.rng.pick(["=", "-="])} ${h} * ${k} + ${i}${this.rng.chance(0.3) ? ` * ${i} * ${i}` : ""};`);
        this.spend(xs.len * 2);
        num(h);
        if (this.rng.chance(0.6)) print([h], 1);
      }],
      [4, () => {
        // A running product: past 2^53, 1e20 … 1e300, Infinity, and 0 or -0 or NaN on the way.
        const n = iterations(40, 2);
        if (n === 0) return;
        const p = this.name("p");
        this.emit(`let ${p}: number = ${start()};`);
        const ints = this.variables("int");
        const factor = this.rng.weighted<() => string>([
          [3, () => paren(this.factor(this.intLiteral()))],
          [3, () => `(${i} + ${this.rng.between(1, 3)})`],
          [2, () => `-(${i} + 1)`],
          [ints.length > 0 ? 2 : 0, () => this.rng.pick(ints).name],
          [2, () => paren(this.wideLeaf())],
          [1, () => `(${i} - ${this.rng.between(0, 4)})`],
        ])();
        const update = this.rng.pick([`${p} *= ${factor};`, `${p} = ${p} * ${factor};`, `${p} = ${p} * ${factor} + ${this.rng.between(-3, 3)};`, `${p} = -${p} * ${factor};`]);
        this.block(`for (let ${i} = 0; ${i} < ${n}; ${i}++)`, () => {
          this.declare(this.intVariable(i, { lo: 0, hi: n - 1 }, false));
          this.emit(update);
          const every = this.rng.pick([1, 3, 5, 10]);
          if (this.rng.chance(0.5) && canPrint(Math.ceil(n / every)) && this.canConvert(Math.ceil(n / every))) {
            this.printed += Math.ceil(n / every) * this.fn.loopProduct;
            this.convert(Math.ceil(n / every));
            const line = this.rng.pick([`${i}, ${p}`, `\`\${${i}}: \${${p}}\``, `[${i}, ${p}]`, `"p", String(${p})`]);
            this.emit(every === 1 ? `console.log(${line});` : `if (${i} % ${every} === 0) console.log(${line});`);
          }
        });
        this.spend(n * 2);
        num(p);
      }],
      [2, () => {
        // Fibonacci numbers: exact up to 2^53, rounded after, Infinity after about 1,475.
        const n = iterations(110, 3);
        if (n === 0) return;
        const [a, b] = [this.name("a"), this.name("b")];
        this.emit(`let ${a}: number = ${this.rng.pick(["0", "1", "-1", "2147483647"])};`);
        this.emit(`let ${b}: number = ${this.rng.pick(["1", "2", "-2", "4294967295"])};`);
        this.block(`for (let ${i} = 0; ${i} < ${n}; ${i}++)`, () => {
          if (this.rng.chance(0.5)) {
            const t = this.name("t");
            this.emit(`const ${t} = ${a} + ${b};`);
            this.emit(`${a} = ${b};`);
            this.emit(`${b} = ${t};`);
          } else {
            this.emit(`${b} = ${a} + ${b};`);
            this.emit(`${a} = ${b} - ${a};`);
          }
        });
        this.spend(n * 3);
        num(a);
        num(b);
        if (this.rng.chance(0.6)) print([`\`fib \${${a}} \${${b}}\``], 2);
      }],
      [2, () => {
        // Doubling and squaring, on to the infinities.
        const form = this.rng.pick(["q + q", "q * 2 + 1", "q * -2", "q * 3 - 1", "-q - q", "q * q + 1", "q * q - q"]);
        const n = iterations(form.includes("q * q") ? 14 : 80, 1);
        if (n === 0) return;
        const q = this.name("q");
        this.emit(`let ${q}: number = ${this.rng.chance(0.3) ? this.wideLeaf().code : this.rng.pick(["1", "-1", "2", "3", "-3", "65536"])};`);
        this.emit(`for (let ${i} = 0; ${i} < ${n}; ${i}++) ${q} = ${form.replaceAll("q", q)};`);
        this.spend(n);
        num(q);
        if (this.rng.chance(0.6)) print([q, `${q} > 9007199254740991`], 1);
      }],
      [2, () => {
        // A 32-bit generator kept unsigned with `>>> 0` (values up to 2^32 - 1, products past 2^53).
        const n = iterations(20, 3);
        if (n === 0) return;
        const u = this.name("u");
        this.emit(`let ${u}: number = ${this.rng.pick(["1", "12345", "4294967295", "2147483648", "-1", "3735928559"])};`);
        const steps = this.rng.pick([
          [`${u} = (${u} * 1664525 + 1013904223) >>> 0;`],
          [`${u} = (${u} * 22695477 + 1) >>> 0;`],
          [`${u} = (${u} * 69069 + 1) % 4294967296;`],
          [`${u} = (${u} ^ (${u} << 13)) >>> 0;`, `${u} = (${u} ^ (${u} >>> 17)) >>> 0;`, `${u} = (${u} ^ (${u} << 5)) >>> 0;`],
          [`${u} = Math.imul(${u}, 48271) >>> 0;`],
          [`${u} = (${u} >>> 1) ^ (-(${u} & 1) & 0xedb88320);`, `${u} = ${u} >>> 0;`],
        ]);
        const nums = this.variables("nums", (v) => v.mutableElements);
        const ds = nums.length > 0 && this.rng.chance(0.4) ? this.rng.pick(nums) : undefined;
        this.block(`for (let ${i} = 0; ${i} < ${n}; ${i}++)`, () => {
          for (const step of steps) this.emit(step);
          if (ds) {
            this.noteAssignment(ds);
            this.emit(`if (${ds.name}.length < ${ds.len}) ${ds.name}.push(${u});`);
          }
        });
        this.spend(n * 3);
        num(u);
        if (this.rng.chance(0.6)) print([u, `${u} | 0`, `${u} >>> 16`], 1);
      }],
      [2, () => {
        // Power by squaring: the base squares on to Infinity.
        const [b, r, e] = [this.name("b"), this.name("r"), this.name("e")];
        if (!this.affordable(40)) return;
        this.emit(`let ${b}: number = ${this.rng.chance(0.5) ? this.wideLeaf().code : paren(this.intLiteral())};`);
        this.emit(`let ${r}: number = 1;`);
        this.emit(`let ${e}: number = ${this.rng.between(0, 40)};`);
        this.block(`while (${e} > 0)`, () => {
          this.emit(`if (${e} & 1) ${r} *= ${b};`);
          this.emit(`${b} *= ${b};`);
          this.emit(`${e} >>= 1;`);
        });
        this.spend(40);
        num(b);
        num(r);
        if (this.rng.chance(0.6)) print([r], 1);
      }],
      [3, () => {
        // -0, NaN and the infinities, every way they print and compare.
        const z = this.name("z");
        const w = this.wideExpr(1);
        const special = this.rng.pick([
          ...(this.zeroFactors ? [`${paren(w)} * 0`, `0 * -${paren(w)}`, `-Infinity * 0`] : []),
          `-${paren(w)}`, `${paren(w)} % 0`, `-(${paren(w)} % 1)`, `${paren(w)} * Infinity`, `Infinity - Infinity`, `-0`,
          `${paren(w)} % -1`, `Math.round(-0)`, `Math.min(0, -0)`, `-(0 % 5)`, `${paren(w)} * -9007199254740993`,
          `(${paren(w)} - ${paren(w)}) * -1`,
        ]);
        this.emit(`let ${z}: number = ${special};`);
        num(z);
        const views = [
          z, `[${z}]`, `\`\${${z}}\``, `String(${z})`, `${z} === 0`, `${z} === -0`, `${z} !== ${z}`, `${z} < 0`, `${z} > -1`,
          `JSON.stringify(${z})`, `JSON.stringify([${z}, -${z}])`, `Math.sign(${z})`, `-${z}`, `${z} + 0`, `${z} - 0`, `${z} * -1`,
          `Math.min(${z}, 0)`, `Math.max(${z}, 0)`, `Math.abs(${z})`, `${z} | 0`, `${z} >>> 0`, `${z} || "falsy"`, `${z} && 5`,
          `{ v: ${z} }`, `${z} ? "t" : "f"`, `Math.round(${z})`, `${z} % 5`, `5 % ${z}`, `"" + ${z}`, `${z} + 1 - 1`,
          `${z} * ${z}`, `${z} * 2147483648 * 2147483648`, `Math.imul(${z}, 3)`, `(${z} / 3) | 0`,
        ];
        const shown = Array.from({ length: this.rng.between(2, 7) }, () => this.rng.pick(views));
        print([JSON.stringify(this.rng.pick(["z", "special", "é", "->"])), ...shown], shown.length);
      }],
      [arrays.length > 0 ? 2 : 0, () => {
        // Sums of cubes and scaled values of an int array.
        const xs = this.rng.pick(arrays);
        if (!this.affordable(xs.len * 2)) return;
        const t = this.name("t");
        const op = this.rng.pick(["+=", "-=", "*="]);
        this.emit(`let ${t}: number = ${op === "*=" && !this.zeroFactors ? 1 : 0};`);
        this.emit(`for (const ${i} of ${xs.name}) ${t} ${op} ${this.rng.pick([`${i} * ${i} * ${i}`, `${i} * 4294967296`, `${i} * ${i}`, `${i} - 2147483647`, `-${i}`, `${i} % 3`])};`);
        this.spend(xs.len * 2);
        num(t);
        if (this.rng.chance(0.5)) print([`"sum"`, t], 1);
      }],
    ])();
    return this.lines.length > lines;
  }

  // -------------------------------------------------------------------------------------
  // Booleans, optional numbers.

  private boolExpr(depth: number, pure = false): Expr {
    const d = Math.max(depth - 1, 0);
    const vars = this.variables("bool");
    const e = this.rng.weighted<() => Expr | undefined>([
      [vars.length > 0 ? 4 : 0, () => expr("bool", this.rng.pick(vars).name, { atom: true })],
      [1, () => expr("bool", this.rng.pick(["true", "false"]), { atom: true, literal: true })],
      [10, () => {
        let a = this.numberExpr(d, pure);
        let b = this.numberExpr(d, pure);
        if (a.literal && b.literal) a = this.intLeaf();
        return this.relation(a, b, this.rng.pick(["<", "<=", ">", ">=", "===", "!=="]));
      }],
      [depth > 0 ? 4 : 0, () => {
        let a = this.strExpr(d, pure);
        const b = this.strExpr(d, pure);
        return this.relation(a, b, this.rng.pick(["===", "!==", "<", ">=", "<=", ">"]));
      }],
      [depth > 0 ? 4 : 0, () => {
        const a = this.boolExpr(d, pure);
        const b = this.boolExpr(d, pure);
        // `true && x` is a TypeScript error, and `x && false` has the type false.
        if (a.literal || b.literal) return undefined;
        return expr("bool", `${paren(a)} ${this.rng.pick(["&&", "||"])} ${paren(b)}`, { pure: pureAll(a, b) });
      }],
      [3, () => {
        const a = this.boolExpr(d, pure);
        return expr("bool", `!${paren(a)}`, { pure: a.pure });
      }],
      [depth > 0 ? 3 : 0, () => {
        const s = this.strExpr(d, pure);
        const t = this.strExpr(d, pure);
        return expr("bool", `${paren(s)}.${this.rng.pick(["includes", "startsWith", "endsWith"])}(${t.code})`, { atom: true, pure: pureAll(s, t) });
      }],
      [2, () => {
        const arrays = this.variables("ints");
        if (arrays.length === 0) return undefined;
        const xs = this.rng.pick(arrays);
        if (this.rng.chance(0.5)) {
          const v = this.intExpr(d, pure);
          return expr("bool", `${xs.name}.includes(${v.code})`, { atom: true, pure: v.pure });
        }
        const cb = this.predicate(xs, d);
        return expr("bool", `${xs.name}.${this.rng.pick(["some", "every"])}(${cb.code})`, { atom: true, pure: cb.pure });
      }],
      [this.model.fractions ? 2 : 0, () => {
        const x = this.numberExpr(d, pure);
        return expr("bool", `Number.${this.rng.pick(["isInteger", "isNaN", "isFinite"])}(${x.code})`, { atom: true, pure: x.pure });
      }],
      [this.model.wide ? 2 : 0, () => {
        // Truthiness (0, -0 and NaN are falsy) and the NaN test `x !== x`.
        const x = this.wideExpr(d, pure);
        if (x.pure && !x.literal && x.code !== "NaN" && this.rng.chance(0.4)) return expr("bool", `${paren(x)} ${this.rng.pick(["!==", "==="])} ${paren(x)}`, { pure: true });
        if (x.literal) return undefined;
        return expr("bool", `${this.rng.pick(["!", "!!"])}${paren(x)}`, { pure: x.pure });
      }],
      [this.model.wide && this.variables("nums").length > 0 ? 1 : 0, () => {
        // includes finds NaN and treats -0 as 0; indexOf (wideToInt) finds neither NaN nor a difference.
        const ds = this.rng.pick(this.variables("nums"));
        const x = this.wideExpr(d, pure);
        if (this.rng.chance(0.6)) return expr("bool", `${ds.name}.includes(${x.code})`, { atom: true, pure: x.pure });
        const v = this.name("v");
        const body = this.withScope(() => {
          this.declare({ name: v, kind: "num", mutable: false, mutableElements: false, lo: 0, hi: 0, len: 0, elemLen: 0, chars: Chars.Ascii });
          this.spend(ds.len);
          return this.scaled(ds.len, () => this.boolExpr(Math.min(d, 1), true));
        });
        return expr("bool", `${ds.name}.${this.rng.pick(["some", "every"])}((${v}) => ${body.code})`, { atom: true });
      }],
      [1, () => {
        const opts = this.variables("opt");
        if (opts.length === 0) return undefined;
        return expr("bool", `${this.rng.pick(opts).name} ${this.rng.pick(["===", "!=="])} undefined`);
      }],
      [1, () => {
        const recs = this.variables("rec");
        if (recs.length === 0) return undefined;
        return expr("bool", `${this.rng.pick(recs).name}.f`, { atom: true });
      }],
      [pure ? 0 : 1, () => {
        const fns = this.callables().filter((c) => c.result.kind === "bool");
        if (fns.length === 0) return undefined;
        const c = this.rng.pick(fns);
        return expr("bool", this.call(c, d, pure), { atom: true, pure: c.pure });
      }],
    ])();
    return e ?? expr("bool", `${paren(this.intLeaf())} > ${this.rng.between(-5, 5)}`);
  }

  /**
   * `a op b`, written so that TypeScript parses it as a comparison. `a < b` followed somewhere
   * by `> (` can parse as a call with type arguments (`f<T>(x)`; TypeScript even recovers from
   * missing parentheses inside them), so `<` and `<=` only get a plain operand on the right and
   * are parenthesized; otherwise the comparison is written the other way round (`b > a`).
   * Two literals are never compared with `===` (a TypeScript error: no overlap).
   */
  private relation(a: Expr, b: Expr, op: "<" | "<=" | ">" | ">=" | "===" | "!=="): Expr {
    if (op === "===" || op === "!==") {
      // `x === NaN` is a TypeScript error (always false); `-NaN` is the same value.
      const notBareNaN = (e: Expr): Expr => (e.code === "NaN" ? { ...e, code: "-NaN", atom: false } : e);
      a = notBareNaN(a);
      b = notBareNaN(b);
      if (a.literal && b.literal) op = op === "===" ? ">=" : ">";
      // `x === 5` narrows x to the type 5 where it holds, and a later `x === 3` there would
      // not type-check: a literal compared with a variable is made a plain number or string.
      else if (a.literal && isReference(b)) a = this.unliteral(a);
      else if (b.literal && isReference(a)) b = this.unliteral(b);
    }
    const pure = pureAll(a, b);
    if (op === "<" || op === "<=") {
      if (/^[\w$.]+$/.test(b.code)) return expr("bool", `(${paren(a)} ${op} ${b.code})`, { atom: true, pure });
      return expr("bool", `${paren(b)} ${op === "<" ? ">" : ">="} ${paren(a)}`, { pure });
    }
    return expr("bool", `${paren(a)} ${op} ${paren(b)}`, { pure });
  }

  /** `unliteral`, but a num of the integral model keeps its value (`Math.trunc(-0)` is -0, `1e21 | 0` is not 1e21). */
  private unliteral(e: Expr): Expr {
    if (!this.model.wide || e.kind !== "num") return unliteral(e);
    return { ...e, literal: false, atom: true, code: `Math.trunc(${e.code})` };
  }

  /** A `number | undefined`, or undefined when there is none to make. */
  private optionalExpr(d: number, pure: boolean): Expr | undefined {
    const opts = this.variables("opt");
    const arrays = this.variables("ints");
    return this.rng.weighted<() => Expr | undefined>([
      [opts.length > 0 ? 3 : 0, () => {
        const o = this.rng.pick(opts);
        return expr("opt", o.name, { lo: o.lo, hi: o.hi, atom: true });
      }],
      [2, () => {
        const c = this.boolExpr(d, pure);
        const v = this.intExpr(d, pure);
        return expr("opt", `${paren(c)} ? ${v.code} : undefined`, { lo: v.lo, hi: v.hi, literal: v.literal, pure: pureAll(c, v) });
      }],
      [arrays.length > 0 ? 2 : 0, () => {
        const xs = this.rng.pick(arrays);
        const cb = this.predicate(xs, d);
        return expr("opt", `${xs.name}.find(${cb.code})`, { lo: xs.lo, hi: xs.hi, atom: true, pure: cb.pure });
      }],
      [!pure && arrays.some((a) => a.mutableElements) ? 1 : 0, () => {
        const xs = this.rng.pick(arrays.filter((a) => a.mutableElements));
        this.noteAssignment(xs);
        return expr("opt", `${xs.name}.pop()`, { lo: xs.lo, hi: xs.hi, atom: true, pure: false });
      }],
    ])();
  }

  /** `(v) => <bool>` over the elements of `xs` (for filter, some, every, find). */
  private predicate(xs: Variable, d: number): Expr {
    const v = this.name("v");
    return this.withScope(() => {
      this.declare(this.intVariable(v, xs, false));
      const withIndex = this.rng.chance(0.25);
      const i = withIndex ? this.name("i") : "";
      if (withIndex) this.declare(this.intVariable(i, { lo: 0, hi: xs.len - 1 }, false));
      const body = this.scaled(xs.len, () => this.boolExpr(Math.min(d, 1), true));
      this.spend(xs.len);
      return expr("bool", `(${v}${withIndex ? `, ${i}` : ""}) => ${body.code}`, { pure: true });
    });
  }

  // -------------------------------------------------------------------------------------
  // Strings.

  private strLiteral(): Expr {
    const text = this.rng.pick(STRING_POOL);
    return expr("str", JSON.stringify(text), { len: text.length, chars: charsOf(text), atom: true, literal: true });
  }

  private strExpr(depth: number, pure = false): Expr {
    const vars = this.variables("str");
    if (depth <= 0 || this.rng.chance(0.25)) {
      if (vars.length > 0 && this.rng.chance(0.6)) {
        const v = this.rng.pick(vars);
        return expr("str", v.name, { len: v.len, chars: v.chars, atom: true });
      }
      return this.strLiteral();
    }
    const d = depth - 1;
    const e = this.rng.weighted<() => Expr | undefined>([
      [vars.length > 0 ? 4 : 0, () => {
        const v = this.rng.pick(vars);
        return expr("str", v.name, { len: v.len, chars: v.chars, atom: true });
      }],
      [3, () => this.strLiteral()],
      [6, () => {
        const a = this.rng.chance(0.8) ? this.strExpr(d, pure) : this.textNumber(d, pure);
        const b = this.rng.chance(0.7) ? this.strExpr(d, pure) : this.textNumber(d, pure);
        if (a.kind !== "str" && b.kind !== "str") return undefined;
        return expr("str", `${paren(a)} + ${paren(b)}`, { len: this.printedLength(a) + this.printedLength(b), chars: maxChars(a.chars, b.chars), pure: pureAll(a, b) });
      }],
      [4, () => this.templateLiteral(d, pure)],
      [4, () => {
        const s = this.strExpr(d, pure);
        const a = this.rng.between(-4, 6);
        const b = this.rng.chance(0.5) ? `, ${this.rng.between(-3, 8)}` : "";
        const method = this.rng.pick(["slice", "slice", "substring"]);
        if (method === "substring" && a < 0) return undefined;
        return expr("str", `${paren(s)}.${method}(${a}${b})`, { len: s.len, chars: s.chars, atom: true, pure: s.pure });
      }],
      [3, () => {
        const s = this.strExpr(d, pure);
        if (s.chars > Chars.Latin1) return undefined; // case maps outside Latin-1 are not on devices yet
        return expr("str", `${paren(s)}.${this.rng.pick(["toUpperCase", "toLowerCase"])}()`, { len: s.len, chars: s.chars, atom: true, pure: s.pure });
      }],
      [3, () => {
        const s = this.strExpr(d, pure);
        const width = this.rng.between(0, 14);
        const pad = this.rng.chance(0.3) ? undefined : this.strLiteral();
        const method = this.rng.pick(["padStart", "padEnd"]);
        return expr("str", `${paren(s)}.${method}(${width}${pad ? `, ${pad.code}` : ""})`, {
          len: Math.max(s.len, width), chars: maxChars(s.chars, pad?.chars ?? Chars.Ascii), atom: true, pure: s.pure,
        });
      }],
      [2, () => {
        const s = this.strExpr(d, pure);
        const times = this.rng.between(0, 3);
        return expr("str", `${paren(s)}.repeat(${times})`, { len: s.len * times, chars: s.chars, atom: true, pure: s.pure });
      }],
      [2, () => {
        const s = this.strExpr(d, pure);
        return expr("str", `${paren(s)}.trim()`, { len: s.len, chars: s.chars, atom: true, pure: s.pure });
      }],
      [3, () => {
        const s = this.strExpr(d, pure);
        const sep = this.separator();
        const joiner = this.separator();
        return expr("str", `${paren(s)}.split(${sep.code}).join(${joiner.code})`, {
          len: s.len + (s.len + 1) * joiner.len, chars: maxChars(s.chars, joiner.chars), atom: true, pure: s.pure,
        });
      }],
      [3, () => {
        const arrays = [...this.variables("ints"), ...this.variables("strs")];
        if (arrays.length === 0) return undefined;
        const a = this.rng.pick(arrays);
        const sep = this.rng.chance(0.2) ? undefined : this.separator();
        const elemLen = a.kind === "ints" ? 11 : a.elemLen;
        return expr("str", `${a.name}.join(${sep?.code ?? ""})`, {
          len: a.len * elemLen + Math.max(a.len - 1, 0) * (sep?.len ?? 1), chars: maxChars(a.chars, sep?.chars ?? Chars.Ascii), atom: true,
        });
      }],
      [2, () => {
        const n = this.textNumber(d, pure);
        return expr("str", `String(${n.code})`, { len: this.printedLength(n), atom: true, pure: n.pure });
      }],
      [this.model.wide ? 2 : 0, () => {
        // -0 is "0", NaN and the infinities are null; beyond 1e21 in exponent form.
        const ds = this.rng.chance(0.5) ? this.numsVariableExpr() : undefined;
        if (ds) {
          const nums = this.variables("nums").find((v) => v.name === ds.code)!;
          if (!this.canConvert(nums.len)) return undefined;
          this.convert(nums.len);
          if (this.rng.chance(0.5)) return expr("str", `JSON.stringify(${ds.code})`, { len: 2 + 25 * nums.len, atom: true });
          const sep = this.rng.chance(0.2) ? undefined : this.separator();
          return expr("str", `${ds.code}.join(${sep?.code ?? ""})`, { len: 25 * nums.len, chars: sep?.chars ?? Chars.Ascii, atom: true });
        }
        const elements = Array.from({ length: this.rng.between(1, 3) }, () => this.textNumber(d, pure));
        return expr("str", `JSON.stringify([${elements.map((e) => e.code).join(", ")}])`, { len: 2 + 25 * elements.length, atom: true, pure: pureAll(...elements) });
      }],
      [this.model.wide ? 1 : 0, () => {
        // Radix 2 of the largest double has 1,024 digits: radices of 10 and up only.
        const n = this.textNumber(d, pure);
        const radix = this.rng.pick(["", "", "10", "16", "36"]);
        return expr("str", `(${n.code}).toString(${radix})`, { len: radix === "16" ? 260 : radix === "36" ? 200 : 24, atom: true, pure: n.pure });
      }],
      [this.model.fractions ? 2 : 0, () => {
        const n = this.numberExpr(d, pure);
        const digits = this.rng.between(0, 6);
        return expr("str", `(${n.code}).toFixed(${digits})`, { len: 25 + digits, atom: true, pure: n.pure });
      }],
      [this.model.fractions ? 1 : 0, () => {
        // A round trip through JSON text (JSON.parse makes a program's numbers doubles): NaN
        // and the infinities come back as null, -0 as 0.
        const n = this.numberExpr(d, pure);
        const shape = this.rng.pick([`[${n.code}]`, `{ v: ${n.code} }`, `{ "a b": [${n.code}, "é"], c: null }`]);
        return expr("str", `JSON.stringify(JSON.parse(JSON.stringify(${shape})))`, { len: 40, atom: true, pure: n.pure });
      }],
      [1, () => {
        const s = this.strExpr(d, pure);
        return expr("str", `${paren(s)}.charAt(${this.rng.between(0, 5)})`, { len: 1, chars: s.chars, atom: true, pure: s.pure });
      }],
      [2, () => {
        const c = this.boolExpr(d, pure);
        const a = this.strExpr(d, pure);
        const b = this.strExpr(d, pure);
        return expr("str", `${paren(c)} ? ${a.code} : ${paren(b)}`, {
          len: Math.max(a.len, b.len), chars: maxChars(a.chars, b.chars), literal: a.literal && b.literal, pure: pureAll(c, a, b),
        });
      }],
      [1, () => {
        const a = this.strExpr(d, pure);
        if (a.literal) return undefined; // `"x" || y` is a TypeScript error (always truthy)
        const b = this.strExpr(d, pure);
        return expr("str", `${paren(a)} || ${paren(b)}`, { len: Math.max(a.len, b.len), chars: maxChars(a.chars, b.chars), pure: pureAll(a, b) });
      }],
      [2, () => {
        const arrays = this.variables("strs");
        if (arrays.length === 0) return undefined;
        const ss = this.rng.pick(arrays);
        const k = this.reduceInto(this.intExpr(d, true), { lo: 0, hi: 255 });
        const fallback = this.strLiteral();
        return expr("str", `${ss.name}.length > 0 ? ${ss.name}[${paren(k)} % ${ss.name}.length] : ${fallback.code}`, {
          len: Math.max(ss.elemLen, fallback.len), chars: maxChars(ss.chars, fallback.chars),
        });
      }],
      [1, () => {
        const recs = this.variables("rec");
        if (recs.length === 0) return undefined;
        const r = this.rng.pick(recs);
        return expr("str", `${r.name}.s`, { len: r.len, chars: r.chars, atom: true });
      }],
      [pure ? 0 : 2, () => {
        const fns = this.callables().filter((c) => c.result.kind === "str");
        if (fns.length === 0) return undefined;
        const c = this.rng.pick(fns);
        return expr("str", this.call(c, d, pure), { len: c.result.len, chars: c.result.chars, atom: true, pure: c.pure });
      }],
      [1, () => {
        const rec = this.variables("rec");
        const arrays = this.variables("ints");
        if (rec.length === 0 && arrays.length === 0) return undefined;
        const target = rec.length > 0 && this.rng.chance(0.5) ? this.rng.pick(rec) : this.rng.pick(arrays.length > 0 ? arrays : rec);
        const len = target.kind === "rec" ? 40 + 2 * target.len : 2 + 12 * target.len;
        return expr("str", `JSON.stringify(${target.name})`, { len, chars: target.chars, atom: true });
      }],
    ])();
    return e ?? this.strLiteral();
  }

  /**
   * A string of at most the characters `chars` allows. What a variable may hold is fixed when
   * it is declared: code earlier in a loop body, or in a closure, runs after later assignments,
   * so a variable's characters cannot widen as the program goes on.
   */
  private strWithin(chars: Chars, depth: number): Expr {
    for (let attempt = 0; attempt < 4; attempt++) {
      const e = this.strExpr(depth);
      if (e.chars <= chars) return e;
    }
    const ascii = this.rng.pick(STRING_POOL.filter((t) => charsOf(t) === Chars.Ascii));
    return expr("str", JSON.stringify(ascii), { len: ascii.length, atom: true, literal: true });
  }

  private separator(): Expr {
    const text = this.rng.pick(SEPARATORS);
    return expr("str", JSON.stringify(text), { len: text.length, chars: charsOf(text), atom: true, literal: true });
  }

  private templateLiteral(d: number, pure: boolean): Expr {
    const parts = this.rng.between(1, 3);
    const head = this.rng.pick(TEMPLATE_TEXT);
    let code = "`" + head;
    let len = head.length;
    let chars = charsOf(head);
    const inner: Expr[] = [];
    for (let i = 0; i < parts; i++) {
      const e = this.rng.weighted<() => Expr>([
        [3, () => this.textNumber(d, pure)],
        [3, () => this.strExpr(d, pure)],
        [1, () => this.boolExpr(d, pure)],
      ])();
      inner.push(e);
      const text = this.rng.pick(TEMPLATE_TEXT);
      code += "${" + e.code + "}" + text;
      len += this.printedLength(e) + text.length + 1;
      chars = maxChars(chars, e.chars, charsOf(text));
    }
    // TypeScript may give a template a literal type (it does when the substitutions have
    // literal types, and it folds some constant arithmetic), so it counts as a literal.
    return expr("str", code + "`", { len, chars, atom: true, literal: true, pure: pureAll(...inner) });
  }

  /** Longest `String(e)`. */
  private printedLength(e: Expr): number {
    switch (e.kind) {
      case "str": return e.len;
      case "int": return Math.max(String(e.lo).length, String(e.hi).length);
      case "bool": return 5;
      default: return 24;
    }
  }

  private capString(e: Expr, cap: number): Expr {
    if (e.len <= cap) return e;
    return expr("str", `${paren(e)}.slice(${this.rng.chance(0.7) ? `0, ${cap}` : -cap})`, { len: cap, chars: e.chars, atom: true, pure: e.pure });
  }

  // -------------------------------------------------------------------------------------
  // Arrays.

  private intsExpr(depth: number, pure = false): Expr {
    const vars = this.variables("ints");
    const d = Math.max(depth - 1, 0);
    const fromVar = vars.length > 0 ? this.rng.pick(vars) : undefined;
    const e = this.rng.weighted<() => Expr | undefined>([
      [5, () => {
        const count = this.rng.weighted([[1, 0], [6, this.rng.between(1, 5)], [1, this.rng.between(6, 10)]] as const);
        const elements = Array.from({ length: count }, () => this.intExpr(d, pure));
        if (count === 0) return undefined; // `[]` has no element type of its own
        return expr("ints", `[${elements.map((e) => e.code).join(", ")}]`, {
          len: count, lo: Math.min(...elements.map((e) => e.lo)), hi: Math.max(...elements.map((e) => e.hi)), atom: true, pure: pureAll(...elements),
        });
      }],
      [fromVar ? 4 : 0, () => expr("ints", `${fromVar!.name}.slice(${this.sliceArguments()})`, { ...this.shapeOf(fromVar!), atom: true })],
      [fromVar ? 4 : 0, () => {
        const x = fromVar!;
        const v = this.name("v");
        const i = this.name("i");
        return this.withScope(() => {
          this.declare(this.intVariable(v, x, false));
          this.declare(this.intVariable(i, { lo: 0, hi: Math.max(x.len - 1, 0) }, false));
          const body = this.scaled(x.len, () => this.intExpr(Math.min(d, 1), true));
          this.spend(x.len);
          return expr("ints", `${x.name}.map((${v}, ${i}) => ${body.code})`, { len: x.len, lo: body.lo, hi: body.hi, atom: true });
        });
      }],
      [fromVar ? 3 : 0, () => {
        const cb = this.predicate(fromVar!, d);
        return expr("ints", `${fromVar!.name}.filter(${cb.code})`, { ...this.shapeOf(fromVar!), atom: true });
      }],
      [fromVar ? 3 : 0, () => {
        const x = fromVar!;
        this.spend(x.len * 3);
        return expr("ints", `${x.name}.slice().sort(${this.comparator(x)})`, { ...this.shapeOf(x), atom: true });
      }],
      [fromVar ? 1 : 0, () => expr("ints", `${fromVar!.name}.slice().reverse()`, { ...this.shapeOf(fromVar!), atom: true })],
      [vars.length > 0 ? 2 : 0, () => {
        const a = this.rng.pick(vars);
        const b = this.rng.pick(vars);
        const spread = this.rng.chance(0.5);
        return expr("ints", spread ? `[...${a.name}, ...${b.name}]` : `${a.name}.concat(${b.name})`, {
          len: a.len + b.len, lo: Math.min(a.lo, b.lo), hi: Math.max(a.hi, b.hi), atom: true,
        });
      }],
      [2, () => {
        const length = this.rng.between(0, 8);
        const i = this.name("i");
        return this.withScope(() => {
          this.declare(this.intVariable(i, { lo: 0, hi: Math.max(length - 1, 0) }, false));
          const body = this.scaled(length, () => this.intExpr(Math.min(d, 1), true));
          this.spend(length);
          return expr("ints", `Array.from({ length: ${length} }, (_, ${i}) => ${body.code})`, { len: length, lo: body.lo, hi: body.hi, atom: true });
        });
      }],
      [1, () => {
        const strs = this.variables("str");
        if (strs.length === 0) return undefined;
        const s = this.rng.pick(strs);
        return expr("ints", `${s.name}.split("").map((c) => c.charCodeAt(0))`, { len: s.len, lo: 0, hi: 0xffff, atom: true });
      }],
    ])();
    if (e) return e;
    const only = this.intLiteral();
    return expr("ints", `[${only.code}]`, { len: 1, lo: only.lo, hi: only.hi, atom: true });
  }

  private shapeOf(v: Variable): Partial<Expr> {
    return { len: v.len, lo: v.lo, hi: v.hi, elemLen: v.elemLen, chars: v.chars };
  }

  private sliceArguments(): string {
    return this.rng.weighted([
      [2, ""],
      [3, String(this.rng.between(-3, 4))],
      [3, `${this.rng.between(-3, 3)}, ${this.rng.between(-2, 6)}`],
    ] as const);
  }

  /** A consistent comparator for number[] (so every correct sort gives the same order). */
  private comparator(x: { lo: number; hi: number }): string {
    const small = x.lo >= -(2 ** 29) && x.hi <= 2 ** 29;
    return this.rng.weighted([
      [small ? 4 : 0, "(a, b) => a - b"],
      [small ? 3 : 0, "(a, b) => b - a"],
      [2, "(a, b) => (a < b ? -1 : a > b ? 1 : 0)"],
      [2, "(a, b) => (a & 3) - (b & 3)"], // ties keep their order: the sort must be stable
      [1, ""], // no comparator: sorted as strings
    ] as const);
  }

  private strsExpr(depth: number, pure = false): Expr {
    const vars = this.variables("strs");
    const d = Math.max(depth - 1, 0);
    const fromVar = vars.length > 0 ? this.rng.pick(vars) : undefined;
    const e = this.rng.weighted<() => Expr | undefined>([
      [4, () => {
        const count = this.rng.between(1, 5);
        const elements = Array.from({ length: count }, () => this.strExpr(d, pure));
        return expr("strs", `[${elements.map((e) => e.code).join(", ")}]`, {
          len: count, elemLen: Math.max(...elements.map((e) => e.len)), chars: maxChars(...elements.map((e) => e.chars)), atom: true, pure: pureAll(...elements),
        });
      }],
      [4, () => {
        const s = this.strExpr(d, pure);
        const sep = this.separator();
        return expr("strs", `${paren(s)}.split(${sep.code})`, { len: s.len + 1, elemLen: s.len, chars: s.chars, atom: true, pure: s.pure });
      }],
      [fromVar ? 3 : 0, () => {
        const x = fromVar!;
        const v = this.name("t");
        return this.withScope(() => {
          this.declare({ name: v, kind: "str", mutable: false, mutableElements: false, lo: 0, hi: 0, len: x.elemLen, elemLen: 0, chars: x.chars });
          const body = this.capString(this.scaled(x.len, () => this.strExpr(Math.min(d, 1), true)), LIMITS.stringLength);
          this.spend(x.len);
          return expr("strs", `${x.name}.map((${v}) => ${body.code})`, { len: x.len, elemLen: body.len, chars: body.chars, atom: true });
        });
      }],
      [fromVar ? 2 : 0, () => {
        const x = fromVar!;
        const v = this.name("t");
        return this.withScope(() => {
          this.declare({ name: v, kind: "str", mutable: false, mutableElements: false, lo: 0, hi: 0, len: x.elemLen, elemLen: 0, chars: x.chars });
          const body = this.scaled(x.len, () => this.boolExpr(Math.min(d, 1), true));
          this.spend(x.len);
          return expr("strs", `${x.name}.filter((${v}) => ${body.code})`, { ...this.shapeOf(x), atom: true });
        });
      }],
      [fromVar ? 2 : 0, () => {
        const cmp = this.rng.pick(["", "(a, b) => a.length - b.length", "(a, b) => (a < b ? 1 : a > b ? -1 : 0)"]);
        this.spend(fromVar!.len * 3);
        return expr("strs", `${fromVar!.name}.slice().sort(${cmp})`, { ...this.shapeOf(fromVar!), atom: true });
      }],
      [fromVar ? 2 : 0, () => expr("strs", `${fromVar!.name}.slice(${this.sliceArguments()})`, { ...this.shapeOf(fromVar!), atom: true })],
      [1, () => {
        const ints = this.variables("ints");
        if (ints.length === 0) return undefined;
        const x = this.rng.pick(ints);
        return expr("strs", `${x.name}.map((n) => \`<\${n}>\`)`, { len: x.len, elemLen: 13, atom: true });
      }],
    ])();
    return e ?? expr("strs", `["solo"]`, { len: 1, elemLen: 4, atom: true });
  }

  private capArray(e: Expr, cap: number): Expr {
    if (e.len <= cap) return e;
    return { ...e, code: `${paren(e)}.slice(0, ${cap})`, len: cap, atom: true };
  }

  // -------------------------------------------------------------------------------------
  // Statements.

  private statement(depth: number): void {
    const inLoop = this.fn.loops.length > 0;
    const canNest = depth < LIMITS.nesting;
    this.spend(1);
    this.rng.weighted<() => void>([
      [12, () => this.declaration()],
      [10, () => this.assignment()],
      [8, () => this.printStatement()],
      [canNest ? 5 : 0, () => this.ifStatement(depth)],
      [canNest && this.fn.loopProduct * 2 <= LIMITS.loopProduct ? 6 : 0, () => this.loop(depth)],
      [canNest ? 2 : 0, () => this.switchStatement(depth)],
      [4, () => this.arrayMutation()],
      [inLoop ? 3 : 0, () => this.breakOrContinue()],
      [this.fn.kind !== "program" && depth > 0 ? 1 : 0, () => this.earlyReturn()],
      [depth < 2 && this.fn.kind === "program" ? 2 : 0, () => this.closureDeclaration()],
      [depth < 2 && this.fn.kind === "program" && this.fn.loopProduct === 1 ? 1 : 0, () => this.closureArray()],
      [1, () => this.callStatement()],
      [this.model.wide ? 4 : 0, () => this.wideKernel()],
      [depth < 2 && this.fn.kind === "program" ? 3 : 0, () => this.iterableStatement(depth)],
    ])();
  }

  // -------------------------------------------------------------------------------------
  // Iterables: a generator (a function expression in the program) or a class with
  // [Symbol.iterator]() (declared before it) over an int array, consumed by for…of (whose
  // body may break, closing the iterator: a finally block prints), spread, Array.from,
  // array destructuring with defaults (which closes it early) or new Set.

  private iterableStatement(depth: number): void {
    const saved = this.fn.loopProduct;
    const arrays = this.variables("ints").filter((a) => 2 * a.len * saved <= LIMITS.loopProduct && a.len > 0);
    if (arrays.length === 0) return this.printStatement();
    const xs = this.rng.pick(arrays);
    const source = this.iterableSource(xs.name);
    const label = source.label;
    const r = { lo: xs.lo, hi: xs.hi };
    this.spend(2 * xs.len);
    this.rng.weighted<() => void>([
      [4, () => {
        const counter = this.name("v");
        this.block(`for (const ${counter} of ${source.code})`, () => {
          this.fn.loops.push({});
          this.fn.loopProduct = saved * 2 * xs.len;
          this.declare(this.intVariable(counter, r, false));
          this.statements(depth + 1, 1, 3);
          this.fn.loops.pop();
          this.fn.loopProduct = saved;
        });
      }],
      [2, () => {
        const name = this.name("xs");
        this.emit(`const ${name}: number[] = ${this.rng.chance(0.5) ? `[...${source.code}]` : `Array.from(${source.code})`};`);
        this.declare({ name, kind: "ints", mutable: false, mutableElements: true, lo: r.lo, hi: r.hi, len: 2 * xs.len, elemLen: 0, chars: Chars.Ascii });
        this.emit(`console.log(${label}, ${name});`);
      }],
      [2, () => {
        const first = this.name("n"), second = this.name("n");
        const d1 = this.rng.between(r.lo, r.hi), d2 = this.rng.between(r.lo, r.hi);
        this.emit(`const [${first} = ${d1}, ${this.rng.chance(0.3) ? ", " : ""}${second} = ${d2}] = ${source.code};`);
        this.declare(this.intVariable(first, r, false));
        this.declare(this.intVariable(second, r, false));
        this.emit(`console.log(${label}, ${first}, ${second});`);
      }],
      [1, () => {
        this.emit(`console.log(${label}, new Set(${source.code}).size, [0, ...${source.code}].length);`);
      }],
    ])();
  }

  /** A fresh iterable over the elements of array `xs` (each once, or evens twice), its values
   *  in xs's interval: the code making it, and a string literal naming it for prints. */
  private iterableSource(xs: string): { code: string; label: string } {
    const name = this.name("g");
    const twice = this.rng.chance(0.3);
    const loop = (a: string) => twice ? `for (const e of ${a}) { yield e; if ((e & 1) === 0) yield e; }` : `for (const e of ${a}) yield e;`;
    const body = (a: string) => this.rng.weighted<() => string>([
      [3, () => loop(a)],
      [1, () => `yield* ${a};`],
      [2, () => `try { ${loop(a)} } finally { console.log("${name} closed"); }`],
    ])();
    if (this.rng.chance(0.5)) {
      this.emit(`const ${name} = function* (a: number[]): Generator<number, void, unknown> { ${body("a")} };`);
      return { code: `${name}(${xs})`, label: `"${name}"` };
    }
    // A class, before the program's function (classes are top-level on devices).
    const cls = `${this.programName}${name}`;
    const iterator = this.rng.chance(0.5)
      ? `*[Symbol.iterator](): Generator<number, void, unknown> { ${body("this.a")} }`
      : `[Symbol.iterator](): Iterator<number> { let i = 0; const a = this.a; return { next: (): IteratorResult<number> => (i < a.length ? { value: a[i++], done: false } : { value: undefined, done: true }) }; }`;
    this.topLevel.push(`class ${cls} { constructor(private a: number[]) {} ${iterator} }`);
    return { code: `new ${cls}(${xs})`, label: `"${name}"` };
  }

  private declaration(): void {
    const keyword = () => (this.rng.chance(0.3) ? "const" : "let");
    const recs = this.variables("rec");
    this.rng.weighted<() => void>([
      [recs.length > 0 ? 1 : 0, () => {
        // Object rest: one field into a variable, the other two into a new object, printed.
        const r = this.rng.pick(recs);
        const field = this.rng.pick(["n", "s", "f"]);
        const name = this.name(field === "n" ? "n" : field === "s" ? "s" : "b");
        const rest = this.name("o");
        this.emit(`const { ${field}: ${name}, ...${rest} } = ${r.name};`);
        this.emit(`console.log(${name}, ${rest});`);
        if (field === "n") this.declare(this.intVariable(name, { lo: r.lo, hi: r.hi }, false));
      }],
      [8, () => {
        const kw = keyword();
        const name = this.name("n");
        let e = this.intExpr(LIMITS.expressionDepth);
        const r = this.rng.chance(0.5) ? this.rangeHolding(e.lo, e.hi) : this.rng.pick(VARIABLE_RANGES);
        e = this.reduceInto(e, r);
        const annotate = kw === "const" || e.literal || this.rng.chance(0.3);
        this.emit(`${kw} ${name}${annotate ? ": number" : ""} = ${e.code};`);
        this.declare(this.intVariable(name, r, kw === "let"));
      }],
      [5, () => {
        const kw = keyword();
        const name = this.name("s");
        const e = this.capString(this.strExpr(LIMITS.expressionDepth), LIMITS.stringLength);
        this.emit(`${kw} ${name}: string = ${e.code};`);
        this.declare({ name, kind: "str", mutable: kw === "let", mutableElements: false, lo: 0, hi: 0, len: LIMITS.stringLength, elemLen: 0, chars: this.rng.chance(0.8) ? e.chars : Chars.Surrogates });
      }],
      [3, () => {
        const kw = keyword();
        const name = this.name("b");
        const e = this.boolExpr(LIMITS.expressionDepth);
        this.emit(`${kw} ${name}: boolean = ${e.code};`);
        this.declare({ name, kind: "bool", mutable: kw === "let", mutableElements: false, lo: 0, hi: 0, len: 0, elemLen: 0, chars: Chars.Ascii });
      }],
      [5, () => {
        const kw = keyword();
        const name = this.name("xs");
        let e: Expr;
        if (this.rng.chance(0.15)) {
          e = expr("ints", "[]", { len: 0, lo: 0, hi: 0, atom: true });
        } else {
          e = this.capArray(this.intsExpr(LIMITS.expressionDepth), LIMITS.arrayLength);
          if (/^[A-Za-z_$][\w$]*$/.test(e.code)) e = { ...e, code: `${e.code}.slice()` }; // a copy, never an alias
        }
        let r = this.rangeHolding(e.lo, e.hi);
        if (e.code === "[]") r = this.rng.pick(VARIABLE_RANGES);
        if (e.code.startsWith("[") && this.rng.chance(0.3)) {
          // Elements brought into a narrower range one by one.
          const narrow = this.rng.pick(SMALL_RANGES);
          const elements = Array.from({ length: this.rng.between(1, 6) }, () => this.reduceInto(this.intExpr(2), narrow));
          e = expr("ints", `[${elements.map((x) => x.code).join(", ")}]`, { len: elements.length, atom: true });
          r = narrow;
        }
        this.emit(`${kw} ${name}: number[] = ${e.code};`);
        this.declare({ name, kind: "ints", mutable: kw === "let", mutableElements: true, lo: r.lo, hi: r.hi, len: LIMITS.arrayLength, elemLen: 0, chars: Chars.Ascii });
      }],
      [3, () => {
        const kw = keyword();
        const name = this.name("ss");
        const e = this.capArray(this.strsExpr(LIMITS.expressionDepth), LIMITS.arrayLength);
        const elemLen = Math.min(Math.max(e.elemLen, 1), LIMITS.stringLength);
        const code = e.elemLen > LIMITS.stringLength ? `${paren(e)}.map((t) => t.slice(0, ${LIMITS.stringLength}))` : e.code;
        this.emit(`${kw} ${name}: string[] = ${code};`);
        this.declare({ name, kind: "strs", mutable: kw === "let", mutableElements: true, lo: 0, hi: 0, len: LIMITS.arrayLength, elemLen: Math.max(elemLen, 8), chars: this.rng.chance(0.8) ? e.chars : Chars.Surrogates });
      }],
      [2, () => {
        // Always a `number | undefined` expression: a bare `undefined` or number would narrow
        // the declared union, and comparisons with the other member would not type-check.
        const name = this.name("u");
        const o = this.optionalExpr(2, false) ?? (() => {
          const v = this.intExpr(1);
          return expr("opt", `${paren(this.boolExpr(1))} ? ${v.code} : undefined`, { lo: v.lo, hi: v.hi });
        })();
        const r = this.rangeHolding(o.lo, o.hi);
        this.emit(`let ${name}: number | undefined = ${o.code};`);
        this.declare({ name, kind: "opt", mutable: true, mutableElements: false, lo: r.lo, hi: r.hi, len: 0, elemLen: 0, chars: Chars.Ascii });
      }],
      [2, () => {
        const name = this.name("o");
        const r = this.rng.pick(VARIABLE_RANGES);
        let n = this.reduceInto(this.intExpr(2), r);
        if (n.literal) n = unliteral(n); // a field typed `0 | 6` could not be assigned 7
        const s = this.capString(this.strExpr(2), 20);
        // A comparison: its type is boolean (`x && false` would make the field's type false).
        const f = this.relation(this.intExpr(1), this.intExpr(1), this.rng.pick([">", ">=", "!=="]));
        this.emit(`const ${name} = { n: ${n.code}, s: ${s.code}, f: ${f.code} };`);
        this.declare({ name, kind: "rec", mutable: false, mutableElements: true, lo: r.lo, hi: r.hi, len: 20, elemLen: 0, chars: this.rng.chance(0.8) ? s.chars : Chars.Surrogates });
      }],
      [this.model.wide ? 2 : 0, () => {
        const kw = keyword();
        const name = this.name("ds");
        const e = this.capArray(this.numsExpr(LIMITS.expressionDepth), LIMITS.arrayLength);
        this.emit(`${kw} ${name}: number[] = ${e.code};`);
        this.declare({ name, kind: "nums", mutable: kw === "let", mutableElements: true, lo: 0, hi: 0, len: LIMITS.arrayLength, elemLen: 0, chars: Chars.Ascii });
      }],
      [this.model.fractions ? 2 : this.model.wide ? 4 : 0, () => {
        const name = this.name("d");
        const e = this.numberExpr(LIMITS.expressionDepth);
        // Not 0 as written in the integral model: a later `d *= x` would be a known-zero factor (factor()).
        this.emit(`let ${name}: number = ${(this.model.wide ? this.factor(e) : e).code};`);
        this.declare({ name, kind: "num", mutable: true, mutableElements: false, lo: 0, hi: 0, len: 0, elemLen: 0, chars: Chars.Ascii });
      }],
    ])();
  }

  /** Restores `v`'s declared range after an update whose result range is [lo, hi]. */
  private renormalize(target: string, v: { lo: number; hi: number }, lo: number, hi: number): void {
    if (lo >= v.lo && hi <= v.hi) return;
    const e = this.reduceInto(expr("int", target, { lo, hi, atom: true }), v);
    this.emit(`${target} = ${e.code};`);
  }

  private assignment(): void {
    const ints = this.assignable("int");
    const strs = this.assignable("str");
    const bools = this.assignable("bool");
    const opts = this.assignable("opt");
    const recs = this.variables("rec");
    const nums = this.assignable("num");
    if (ints.length + strs.length + bools.length + opts.length + recs.length + nums.length === 0) {
      this.declaration();
      return;
    }
    this.rng.weighted<() => void>([
      [ints.length > 0 ? 10 : 0, () => this.intAssignment(this.rng.pick(ints))],
      [strs.length > 0 ? 5 : 0, () => {
        const v = this.rng.pick(strs);
        this.noteAssignment(v);
        const e = this.strWithin(v.chars, 2);
        if (this.rng.chance(0.5)) {
          this.emit(`${v.name} = ${this.capString(e, v.len).code};`);
        } else {
          this.emit(`${v.name} += ${e.kind === "str" ? e.code : paren(e)};`);
          if (v.len + e.len > v.len) this.emit(`if (${v.name}.length > ${v.len}) ${v.name} = ${v.name}.slice(${this.rng.chance(0.5) ? `0, ${v.len}` : -v.len});`);
        }
      }],
      [bools.length > 0 ? 3 : 0, () => {
        const v = this.rng.pick(bools);
        this.noteAssignment(v);
        this.emit(this.rng.chance(0.3) ? `${v.name} = !${v.name};` : `${v.name} = ${this.boolExpr(2).code};`);
      }],
      [opts.length > 0 ? 2 : 0, () => {
        const v = this.rng.pick(opts);
        this.noteAssignment(v);
        const c = this.boolExpr(1);
        const e = this.reduceInto(this.intExpr(2), v);
        this.emit(`${v.name} = ${paren(c)} ? ${e.code} : undefined;`);
      }],
      [recs.length > 0 ? 3 : 0, () => {
        const r = this.rng.pick(recs);
        this.noteAssignment(r);
        this.rng.weighted<() => void>([
          [3, () => this.intAssignment(this.intVariable(`${r.name}.n`, r, true))],
          [2, () => {
            const e = this.capString(this.strWithin(r.chars, 2), r.len);
            this.emit(`${r.name}.s = ${e.code};`);
          }],
          [1, () => this.emit(`${r.name}.f = !${r.name}.f;`)],
        ])();
      }],
      [nums.length > 0 ? (this.model.wide ? 6 : 2) : 0, () => {
        const v = this.rng.pick(nums);
        if (this.model.wide) this.noteAssignment(v);
        if (this.model.wide && this.rng.chance(0.25)) {
          this.emit(this.rng.pick([`${v.name}++;`, `--${v.name};`, `${v.name} = -${v.name};`, `${v.name} = ${v.name} * ${v.name};`]));
          return;
        }
        const ops = this.model.wide ? ["=", "+=", "-=", "*=", "*=", "%=", ">>>="] : ["=", "+=", "-=", "*="];
        const op = this.rng.pick(ops);
        const e = this.numberExpr(2);
        this.emit(`${v.name} ${op} ${((op === "*=" || op === "=") && this.model.wide ? this.factor(e) : e).code};`);
      }],
    ])();
  }

  /** `x = e`, `x op= e`, `x++` … on an int variable (or `o.n`), keeping its declared range. */
  private intAssignment(v: Variable): void {
    this.noteAssignment(v);
    const target = v.name;
    const form = this.rng.weighted([[5, "assign"], [6, "compound"], [3, "step"]] as const);
    if (form === "assign") {
      this.emit(`${target} = ${this.reduceInto(this.intExpr(LIMITS.expressionDepth), v).code};`);
      return;
    }
    if (form === "step") {
      const up = this.rng.chance(0.6);
      const prefix = this.rng.chance(0.4);
      const op = up ? "++" : "--";
      if (up ? v.hi === INT32_MAX : v.lo === INT32_MIN) {
        this.emit(`${target} = ${this.reduceInto(expr("int", `${target} >> 1`, { lo: v.lo >> 1, hi: v.hi >> 1 }), v).code};`);
      }
      this.emit(prefix ? `${op}${target};` : `${target}${op};`);
      this.renormalize(target, v, up ? v.lo + 1 : v.lo - 1, up ? v.hi + 1 : v.hi - 1);
      return;
    }
    const op = this.rng.pick(["+=", "-=", "*=", "|=", "&=", "^=", "<<=", ">>=", "%="]);
    const self = expr("int", target, { lo: v.lo, hi: v.hi, atom: true });
    let e = this.intExpr(2);
    let lo: number;
    let hi: number;
    switch (op) {
      case "+=":
      case "-=": {
        if (!fitsInt32(Math.min(v.lo - e.hi, v.lo + e.lo), Math.max(v.hi + e.hi, v.hi - e.lo))) {
          e = this.reduceInto(e, { lo: -512, hi: 511 });
          if (!fitsInt32(v.lo - 512, v.hi + 512)) {
            this.emit(`${target} = ${this.reduceInto(expr("int", `${target} >> 2`, { lo: v.lo >> 2, hi: v.hi >> 2 }), v).code};`);
          }
        }
        [lo, hi] = op === "+=" ? [v.lo + e.lo, v.hi + e.hi] : [v.lo - e.hi, v.hi - e.lo];
        lo = Math.max(lo, INT32_MIN);
        hi = Math.min(hi, INT32_MAX);
        break;
      }
      case "*=": {
        // A small factor keeps the product an int32; a variable that may be negative gets a
        // factor of at least 1, because a negative number times 0 is -0.
        lo = v.lo;
        hi = v.hi;
        if (maxAbs(self) > 2 ** 16) {
          // Only the two widest ranges get here; both hold [-1024, 1023].
          this.emit(`${target} = ${this.reduceInto(self, { lo: -1024, hi: 1023 }).code};`);
          [lo, hi] = [Math.max(v.lo, -1024), Math.min(v.hi, 1023)];
        }
        e = this.reduceInto(e, { lo: 0, hi: this.rng.pick([3, 15, 255]) });
        if (lo < 0 && mayBeZero(e)) e = expr("int", `${paren(e)} + 1`, { lo: e.lo + 1, hi: e.hi + 1, pure: e.pure });
        const corners = [lo * e.lo, lo * e.hi, hi * e.lo, hi * e.hi];
        [lo, hi] = [Math.min(...corners), Math.max(...corners)];
        break;
      }
      case "|=":
      case "&=":
      case "^=": {
        if (op === "&=" && (e.lo >= 0 || v.lo >= 0)) [lo, hi] = [0, e.lo >= 0 && v.lo >= 0 ? Math.min(e.hi, v.hi) : e.lo >= 0 ? e.hi : v.hi];
        else if (e.lo >= 0 && v.lo >= 0) [lo, hi] = [0, 2 ** Math.ceil(Math.log2(Math.max(e.hi, v.hi) + 1)) - 1];
        else [lo, hi] = [INT32_MIN, INT32_MAX];
        break;
      }
      case "<<=": {
        const k = this.rng.between(0, 12);
        e = expr("int", String(k), { lo: k, hi: k, atom: true });
        [lo, hi] = fitsInt32(v.lo * 2 ** k, v.hi * 2 ** k) ? [v.lo * 2 ** k, v.hi * 2 ** k] : [INT32_MIN, INT32_MAX];
        break;
      }
      case ">>=": {
        const k = this.rng.between(0, 33);
        e = expr("int", String(k), { lo: k, hi: k, atom: true });
        [lo, hi] = [v.lo >> (k & 31), v.hi >> (k & 31)];
        break;
      }
      default: {
        // %= keeps the sign of the variable: it must not be negative (a negative multiple would be -0).
        if (v.lo < 0) {
          // [0, 15] lies inside every signed range.
          this.emit(`${target} = ${this.reduceInto(self, { lo: 0, hi: 15 }).code};`);
        }
        e = this.nonzero(this.rng.chance(0.5) ? this.intLiteral() : e);
        [lo, hi] = [0, Math.max(maxAbs(e) - 1, 0)];
        break;
      }
    }
    this.emit(`${target} ${op} ${e.code};`);
    this.renormalize(target, v, lo, hi);
  }

  private printStatement(): void {
    // Functions do not print: a call in a loop would multiply their lines past the budget.
    if (this.fn.kind !== "program") return;
    const lines = this.fn.loopProduct;
    if (this.printed + lines > LIMITS.printedLines) return;
    this.printed += lines;
    if (this.rng.chance(0.07)) {
      this.castPrint();
      return;
    }
    if (this.rng.chance(0.08)) {
      // A literal format string with arguments of the types its specifiers take (`%d` with a
      // string is refused by the compiler, MOTE1013), sometimes with more arguments after.
      const format = this.rng.pick(["%d", "%i", "%s", "%d/%d", "n=%d s=%s", "100%% of %d", "%s%s!", "é%s→%i"]);
      const number = (_spec: string | undefined) => (this.model.wide ? this.textNumber(1) : this.intExpr(1));
      const args = [...format.matchAll(/%([dis])/g)].map((m) => (m[1] === "s" && this.rng.chance(0.6) ? this.strExpr(1) : number(m[1])));
      if (this.rng.chance(0.3)) args.push(this.rng.chance(0.5) ? number(undefined) : this.strExpr(1));
      this.emit(`console.log(${[JSON.stringify(format), ...args.map((a) => a.code)].join(", ")});`);
      return;
    }
    const count = this.rng.weighted([[1, 0], [6, 1], [6, 2], [4, 3], [2, 4]] as const);
    const args: Expr[] = [];
    for (let i = 0; i < count; i++) args.push(this.printable(2));
    // A string first argument followed by others is a format string. The compiler refuses one
    // with an array or object after it (MOTE1013), and applies `%d`, `%s`… only when the format
    // is a literal (a string variable holding "%d" prints as is on the device, formatted on
    // Node); so a string that is not a literal without `%` gets a plain label before it.
    const first = args[0];
    const plainLiteral = first !== undefined && /^"[^"%\\]*"$/.test(first.code);
    if (args.length > 1 && first?.kind === "str" && !plainLiteral) {
      args.unshift(expr("str", JSON.stringify(this.rng.pick(["label", "=>", "v:", "é"]))));
    }
    this.emit(`console.log(${args.map((a) => a.code).join(", ")});`);
  }

  /**
   * A value of any kind held as `unknown` and read through casts to other types, as code that
   * handles parsed JSON or MQTT payloads does: `(u as string).length` on a number is
   * `undefined`, on an array its length; a method the value lacks throws Node's TypeError
   * (caught and printed), or gives undefined when the call is optional. Left out: what the
   * device refuses with an error of its own, not Node's result (an element read of a value
   * that is not an array, `+` on one that is not a string, a method of the cast-to type
   * that the value's own kind also has: mote calls the cast-to type's).
   */
  private castPrint(): void {
    const u = this.name("u");
    const value = this.rng.weighted<() => string>([
      [8, () => this.printable(1).code],
      [1, () => "undefined"],
      [1, () => "null"],
    ])();
    this.emit(`const ${u}: unknown = ${value};`);
    const reads = [
      `(${u} as string).length`,
      `(${u} as number[]).length`,
      `(${u} as { a: number }).a`,
      `(${u} as { count: string }).count`,
      `typeof ${u}`,
      `(${u} as number) === ${this.intLiteral().code}`,
      `(${u} as string) === ${this.strLiteral().code}`,
      `String(${u})`,
      `JSON.stringify(${u})`,
      `Array.isArray(${u})`,
      `(${u} as string).charCodeAt?.(0)`,
      `(${u} as number[]).findLast?.((x) => x !== 0)`,
    ];
    const count = this.rng.between(1, 3);
    const args: string[] = [];
    for (let i = 0; i < count; i++) args.push(this.rng.pick(reads));
    const label = JSON.stringify(this.rng.pick(["cast:", "as", "u ="]));
    if (this.rng.chance(0.25)) {
      const calls = [`(${u} as string).trim()`, `(${u} as number[]).join("-")`, `(${u} as { a: number }).a.toString()`];
      // toFixed makes a program's numbers doubles (the integral and int32 models have none).
      if (this.model.fractions) calls.push(`(${u} as number).toFixed(1)`);
      args.splice(0, args.length, this.rng.pick(calls));
    }
    // A property read of undefined or null throws, and so does a method the value lacks.
    this.emit(`try { console.log(${[label, ...args].join(", ")}); } catch (e) { console.log(${label}, (e as Error).message); }`);
  }

  private printable(depth: number): Expr {
    return this.rng.weighted<() => Expr>([
      [6, () => this.textNumber(depth)],
      [5, () => this.strExpr(depth)],
      [2, () => this.boolExpr(depth)],
      [3, () => this.intsExpr(depth)],
      [this.model.wide && this.canConvert(LIMITS.arrayLength) ? 3 : 0, () => {
        const ds = this.numsExpr(depth);
        this.convert(ds.len);
        return ds;
      }],
      [this.model.fractions || this.model.wide ? 1 : 0, () => {
        const xs = this.intsExpr(depth);
        const v = this.name("v");
        const body = this.withScope(() => {
          this.declare(this.intVariable(v, xs, false));
          return this.scaled(xs.len, () => this.textNumber(1, true));
        });
        return expr("ints", `${paren(xs)}.map((${v}) => ${body.code})`, { atom: true });
      }],
      [2, () => this.strsExpr(depth)],
      [1, () => this.optionalExpr(1, false) ?? this.intLiteral()],
      [1, () => {
        const recs = this.variables("rec");
        return recs.length > 0 ? expr("rec", this.rng.pick(recs).name, { atom: true }) : this.strLiteral();
      }],
      [depth > 0 ? 2 : 0, () => {
        const fields = this.rng.between(1, 3);
        const parts: string[] = [];
        for (let i = 0; i < fields; i++) {
          const key = this.rng.pick(["a", "b", "count", "name", "ok", "list", "é", "two words", "x1"]);
          if (parts.some((p) => p.startsWith(`${JSON.stringify(key)}:`) || p.startsWith(`${key}:`))) continue;
          const value = this.printable(depth - 1);
          const keyCode = /^[a-z]\w*$/.test(key) ? key : JSON.stringify(key);
          parts.push(`${keyCode}: ${value.code}`);
        }
        return expr("rec", `{ ${parts.join(", ")} }`, { atom: true });
      }],
    ])();
  }

  private ifStatement(depth: number): void {
    const c = this.boolExpr(2);
    this.block(`if (${c.code})`, () => this.statements(depth + 1, 1, 3));
    const form = this.rng.weighted([[3, "none"], [3, "else"], [1, "else if"]] as const);
    if (form === "none") return;
    this.lines.pop();
    if (form === "else if") {
      const c2 = this.boolExpr(2);
      this.block(`} else if (${c2.code})`, () => this.statements(depth + 1, 1, 2));
      if (this.rng.chance(0.5)) return;
      this.lines.pop();
    }
    this.block("} else", () => this.statements(depth + 1, 1, 2));
  }

  private statements(depth: number, min: number, max: number): void {
    const count = this.rng.between(min, max);
    for (let i = 0; i < count && this.work < LIMITS.work; i++) this.statement(depth);
  }

  private loop(depth: number): void {
    const maxCount = Math.floor(LIMITS.loopProduct / this.fn.loopProduct);
    const count = this.rng.between(1, Math.min(8, maxCount));
    const label = this.rng.chance(0.2) ? this.name("L") : undefined;
    const prefix = label ? `${label}: ` : "";
    const counter = this.name(this.rng.pick(["i", "j", "k"]));
    const saved = this.fn.loopProduct;
    const body = (bodyCount: number, before?: () => void) => {
      this.fn.loops.push({ label });
      this.fn.loopProduct = saved * bodyCount;
      before?.();
      this.statements(depth + 1, 1, 3);
      this.fn.loops.pop();
      this.fn.loopProduct = saved;
    };
    const counterIn = (lo: number, hi: number) => this.declare(this.intVariable(counter, { lo, hi }, false));
    const arrays = this.variables("ints").filter((a) => a.len * saved <= LIMITS.loopProduct);
    const strings = this.variables("str").filter((s) => s.len * saved <= LIMITS.loopProduct * 2);
    this.rng.weighted<() => void>([
      [6, () => {
        const step = this.rng.weighted([[4, 1], [1, 2], [1, 3]] as const);
        const update = step === 1 ? this.rng.pick([`${counter}++`, `++${counter}`, `${counter} += 1`]) : `${counter} += ${step}`;
        this.block(`${prefix}for (let ${counter} = 0; ${counter} < ${count}; ${update})`, () => body(count, () => counterIn(0, count - 1)));
      }],
      [2, () => {
        this.block(`${prefix}for (let ${counter} = ${count}; ${counter} > 0; ${counter}--)`, () => body(count, () => counterIn(1, count)));
      }],
      [3, () => {
        this.emit(`let ${counter} = 0;`);
        // The counter moves first, so a `continue` anywhere in the body still makes progress.
        const header = this.rng.chance(0.7) ? `${prefix}while (${counter} < ${count})` : `${prefix}while (true)`;
        this.block(header, () => body(count, () => {
          this.emit(`${counter}++;`);
          if (header.endsWith("(true)")) this.emit(`if (${counter} > ${count}) break;`);
          counterIn(1, count);
        }));
      }],
      [2, () => {
        this.emit(`let ${counter} = 0;`);
        this.block(`${prefix}do`, () => body(count, () => {
          this.emit(`${counter}++;`);
          counterIn(1, count);
        }), `} while (${counter} < ${count});`);
      }],
      [arrays.length > 0 ? 3 : 0, () => {
        const xs = this.rng.pick(arrays);
        this.block(`${prefix}for (const ${counter} of ${xs.name})`, () => body(xs.len, () => this.declare(this.intVariable(counter, xs, false))));
      }],
      [arrays.length > 0 ? 2 : 0, () => {
        const xs = this.rng.pick(arrays);
        // Bounded even if the body pushes: arrays never grow past their cap.
        this.block(`${prefix}for (let ${counter} = 0; ${counter} < ${xs.name}.length; ${counter}++)`, () => body(xs.len, () => counterIn(0, xs.len - 1)));
      }],
      [strings.length > 0 ? 2 : 0, () => {
        const s = this.rng.pick(strings);
        // for-of walks code points: a surrogate pair is one step.
        this.block(`${prefix}for (const ${counter} of ${s.name})`, () => body(s.len, () =>
          this.declare({ name: counter, kind: "str", mutable: false, mutableElements: false, lo: 0, hi: 0, len: 2, elemLen: 0, chars: s.chars })));
      }],
      [1, () => {
        const other = this.name("j");
        this.block(`${prefix}for (let ${counter} = 0, ${other} = ${count}; ${counter} < ${other}; ${counter}++, ${other}--)`, () => body(count, () => {
          counterIn(0, count);
          this.declare(this.intVariable(other, { lo: 0, hi: count }, false));
        }));
      }],
    ])();
  }

  private breakOrContinue(): void {
    const loops = this.fn.loops;
    const c = this.boolExpr(1);
    const labelled = loops.filter((l) => l.label);
    const keyword = this.rng.chance(0.5) ? "break" : "continue";
    const target = labelled.length > 0 && this.rng.chance(0.4) ? ` ${this.rng.pick(labelled).label}` : "";
    this.emit(`if (${c.code}) ${keyword}${target};`);
  }

  private earlyReturn(): void {
    const result = this.fn.result;
    if (!result) return;
    const c = this.boolExpr(1);
    this.emit(`if (${c.code}) return ${this.valueOf(result, 2).code};`);
  }

  private switchStatement(depth: number): void {
    const onString = this.rng.chance(0.3);
    let discriminant: Expr;
    let labels: string[];
    if (onString) {
      discriminant = this.strExpr(1);
      // Neither a literal (cases of other literals would not type-check) nor a variable (its
      // type narrows to each case's value inside the case).
      if (discriminant.literal || isReference(discriminant)) discriminant = unliteral(discriminant);
      labels = [...new Set(Array.from({ length: this.rng.between(1, 4) }, () => this.strLiteral().code))];
    } else {
      discriminant = this.rng.chance(0.6)
        ? this.reduceInto(this.intExpr(2), { lo: 0, hi: this.rng.pick([3, 7]) })
        : this.intExpr(2);
      if (discriminant.literal || isReference(discriminant)) discriminant = unliteral(discriminant);
      const values = new Set<number>();
      const count = this.rng.between(1, 4);
      for (let i = 0; i < count; i++) values.add(discriminant.hi - discriminant.lo <= 16 ? this.rng.between(discriminant.lo, discriminant.hi) : this.rng.between(-2, 9));
      labels = [...values].map(String);
    }
    this.emit(`switch (${discriminant.code}) {`);
    this.indent++;
    const withDefault = this.rng.chance(0.6);
    const clauses = [...labels.map((l) => `case ${l}:`), ...(withDefault ? ["default:"] : [])];
    for (const clause of clauses) {
      this.emit(clause);
      if (this.rng.chance(0.2)) continue; // falls through to the next clause's body
      this.indent++;
      this.emit("{");
      this.indent++;
      this.withScope(() => this.statements(depth + 1, 1, 2));
      this.indent--;
      this.emit("}");
      if (this.rng.chance(0.8)) this.emit("break;");
      this.indent--;
    }
    this.indent--;
    this.emit("}");
  }

  private arrayMutation(): void {
    if (this.model.wide) {
      const nums = this.variables("nums", (v) => v.mutableElements);
      if (nums.length > 0 && this.rng.chance(0.4)) {
        this.numsMutation(this.rng.pick(nums));
        return;
      }
    }
    const ints = this.variables("ints", (v) => v.mutableElements);
    const strs = this.variables("strs", (v) => v.mutableElements);
    if (ints.length === 0 && strs.length === 0) return;
    const useStrs = ints.length === 0 || (strs.length > 0 && this.rng.chance(0.3));
    const a = useStrs ? this.rng.pick(strs) : this.rng.pick(ints);
    this.noteAssignment(a);
    const element = (): Expr => {
      if (!useStrs) return this.reduceInto(this.intExpr(2), a);
      return this.capString(this.strWithin(a.chars, 2), a.elemLen);
    };
    this.rng.weighted<() => void>([
      [5, () => {
        const e = element();
        this.emit(`if (${a.name}.length < ${a.len}) ${a.name}.push(${e.code});`);
      }],
      [2, () => this.emit(`${a.name}.pop();`)],
      [4, () => {
        const k = this.reduceInto(this.intExpr(1, true), { lo: 0, hi: 255 });
        const e = element();
        this.emit(`if (${a.name}.length > 0) ${a.name}[${paren(k)} % ${a.name}.length] = ${e.code};`);
      }],
      // Each element updated in place, then brought back into the array's range.
      [useStrs ? 0 : 3, () => this.forEachIndex(a.name, a.len, (i) => {
        let e = this.intExpr(1, true);
        let element = expr("int", `${a.name}[${i}]`, { lo: a.lo, hi: a.hi, atom: true });
        if (!fitsInt32(a.lo - maxAbs(e), a.hi + maxAbs(e))) e = this.reduceInto(e, { lo: -512, hi: 511 });
        if (!fitsInt32(a.lo - 512, a.hi + 512)) element = expr("int", `(${element.code} >> 1)`, { lo: a.lo >> 1, hi: a.hi >> 1, atom: true });
        const sum = expr("int", `${element.code} + ${paren(e)}`, { lo: element.lo + e.lo, hi: element.hi + e.hi });
        this.emit(`${a.name}[${i}] = ${this.reduceInto(sum, a).code};`);
      })],
      [3, () => {
        this.spend(a.len * 3);
        const cmp = useStrs ? this.rng.pick(["", "(a, b) => a.length - b.length"]) : this.comparator(a);
        this.emit(`${a.name}.sort(${cmp});`);
      }],
      [1, () => this.emit(`${a.name}.reverse();`)],
      [1, () => this.emit(`${a.name}.splice(${this.rng.between(0, 3)}, ${this.rng.between(0, 2)});`)],
      [useStrs ? 0 : 1, () => {
        const e = element();
        this.emit(`${a.name}.fill(${e.code}, ${this.rng.between(0, 3)}, ${this.rng.between(1, 6)});`);
      }],
    ])();
  }

  private callStatement(): void {
    const impure = this.callables().filter((c) => !c.pure);
    if (impure.length > 0 && this.rng.chance(0.7)) {
      this.emit(`${this.call(this.rng.pick(impure), 1, false)};`);
      return;
    }
    const arrays = this.closureArrays();
    if (arrays.length > 0) {
      const fa = this.rng.pick(arrays);
      const arg = this.reduceInto(this.intExpr(1), fa.param);
      this.spend(fa.cost * fa.length);
      if (this.printed + this.fn.loopProduct <= LIMITS.printedLines) {
        this.printed += this.fn.loopProduct;
        this.emit(`console.log(${fa.name}.map((f) => f(${arg.code})));`);
      }
    }
  }

  // -------------------------------------------------------------------------------------
  // Functions: helpers (pure, maybe recursive) and closures over the program's variables.

  private shape(kind: Shape["kind"]): Shape {
    const r = kind === "int" ? this.rng.pick(VARIABLE_RANGES) : FULL_RANGE;
    return {
      kind, lo: r.lo, hi: r.hi,
      len: kind === "str" ? LIMITS.stringLength : kind === "ints" ? LIMITS.arrayLength : 0,
      elemLen: 0, chars: Chars.Surrogates,
    };
  }

  private valueOf(s: Shape, depth: number): Expr {
    switch (s.kind) {
      case "int": return this.reduceInto(this.intExpr(depth), s);
      case "str": return this.capString(this.strExpr(depth), s.len);
      case "bool": return this.boolExpr(depth);
      case "ints": return this.capArray(this.intsExpr(depth), s.len);
      case "num": return this.wideExpr(depth);
    }
  }

  private typeOf(s: Shape): string {
    return { int: "number", str: "string", bool: "boolean", ints: "number[]", num: "number" }[s.kind];
  }

  private paramVariable(name: string, s: Shape): Variable {
    return {
      name, kind: s.kind, mutable: s.kind !== "ints", mutableElements: false, lo: s.lo, hi: s.hi,
      len: s.len, elemLen: 0, chars: s.chars,
    };
  }

  /** Runs `body` as the body of a new function; returns the work one call costs. */
  private inFunction(context: Omit<FunctionContext, "loops" | "loopProduct" | "assignsOuter" | "ownScopes">, body: () => void): { cost: number; assignsOuter: boolean } {
    const saved = { fn: this.fn, work: this.work, printed: this.printed };
    const own = new Scope(context.sealed ? undefined : context.scope);
    this.fn = { ...context, scope: own, loops: [], loopProduct: 1, assignsOuter: false, ownScopes: new Set([own]) };
    this.work = 0;
    body();
    const cost = Math.max(this.work, 1);
    const assignsOuter = this.fn.assignsOuter;
    this.fn = saved.fn;
    this.work = saved.work;
    // A function's prints happen once per call; charge a few lines for calls not counted.
    this.printed = saved.printed + Math.min(this.printed - saved.printed, 4) * 3;
    return { cost, assignsOuter };
  }

  private helperFunction(): void {
    const recursive = this.rng.chance(0.4);
    // Where it lives: before the program's function (named after it, so programs in one batch
    // do not clash), or inside it as a function declaration or an arrow function. A nested
    // function declaration that calls itself is rejected by the compiler (MOTE1001), so
    // recursive helpers are top-level functions or arrows.
    const form = this.rng.weighted([[4, "top"], [recursive ? 0 : 2, "nested"], [2, "arrow"]] as const);
    const name = form === "top" ? `${this.programName}${this.name("h")}` : this.name("h");
    const result = this.shape(this.rng.weighted([[6, "int"], [3, "str"], [1, "bool"], [this.model.wide ? 3 : 0, "num"]] as const));
    const params: Shape[] = [];
    const paramNames: string[] = [];
    const depth = this.rng.between(2, LIMITS.recursionDepth);
    if (recursive) {
      // n - 2 from n = 1 reaches -1 (the base case takes n <= 0).
      params.push({ kind: "int", lo: -1, hi: depth, len: 0, elemLen: 0, chars: Chars.Ascii });
      paramNames.push(this.name("n"));
    }
    // Up to five parameters: arrow functions with more than three take the ones after the
    // third on the stack, after the argument count (the value-call convention).
    const extra = this.rng.between(recursive ? 0 : 1, form === "arrow" ? 5 : 3);
    for (let i = 0; i < extra; i++) {
      params.push(this.shape(this.rng.weighted([[5, "int"], [3, "str"], [1, "ints"], [this.model.wide ? 3 : 0, "num"]] as const)));
      paramNames.push(this.name("a"));
    }
    const signature = params.map((p, i) => `${paramNames[i]}: ${this.typeOf(p)}`).join(", ");
    const callable: Callable = { name, params, result, cost: 1, pure: true, depth: recursive ? depth : undefined, topLevel: form === "top" };
    const binary = recursive && depth <= 5 && this.rng.chance(0.4);
    const savedLines = this.lines;
    const savedIndent = this.indent;
    if (form === "top") {
      this.lines = this.topLevel;
      this.indent = 0;
    }
    this.emit(form === "arrow"
      ? `const ${name} = (${signature}): ${this.typeOf(result)} => {`
      : `function ${name}(${signature}): ${this.typeOf(result)} {`);
    this.indent++;
    const { cost } = this.inFunction({ kind: "helper", result, scope: this.fn.scope, sealed: true, topLevel: form === "top" }, () => {
      params.forEach((p, i) => this.declare(this.paramVariable(paramNames[i]!, p)));
      if (recursive) {
        const n = paramNames[0]!;
        this.fn.scope.variables.find((v) => v.name === n)!.mutable = false;
        this.emit(`if (${n} <= 0) return ${this.valueOf(result, 1).code};`);
      }
      this.statements(1, recursive ? 0 : 1, recursive ? 2 : 4);
      if (recursive) {
        // The recursive call, with the depth counting down; its result is part of the return.
        const args = params.slice(1).map((p) => this.argument(p, 1, true).code);
        const call = (k: number) => `${name}(${[`${paramNames[0]} - ${k}`, ...args].join(", ")})`;
        const rec = binary ? [call(1), call(2)] : [call(1)];
        this.emit(`const r${name}: ${this.typeOf(result)} = ${this.combine(result, rec)};`);
        this.emit(`return r${name};`);
      } else {
        this.emit(`return ${this.valueOf(result, 2).code};`);
      }
    });
    this.indent--;
    this.emit(form === "arrow" ? "};" : "}");
    this.lines = savedLines;
    this.indent = savedIndent;
    // A linear recursion runs its body `depth` times, a binary one up to 2^depth times.
    callable.cost = recursive ? cost * (binary ? 2 ** depth : depth + 1) : cost;
    this.helpers.push(callable);
  }

  /** The value a recursive helper returns from its recursive calls' results. */
  private combine(result: Shape, calls: string[]): string {
    switch (result.kind) {
      case "int": {
        const parts = calls.map((c) => expr("int", c, { lo: result.lo, hi: result.hi, atom: true }));
        const extra = this.intExpr(1, true);
        const sum = [...parts, extra].reduce((a, b) => {
          const combined = expr("int", `${a.code} ^ ${paren(b)}`, { lo: INT32_MIN, hi: INT32_MAX });
          if (fitsInt32(a.lo + b.lo, a.hi + b.hi) && this.rng.chance(0.6)) return expr("int", `${a.code} + ${paren(b)}`, { lo: a.lo + b.lo, hi: a.hi + b.hi });
          return combined;
        });
        return this.reduceInto(sum, result).code;
      }
      case "str": {
        const extra = this.capString(this.strExpr(1, true), 4);
        const joined = calls.map((c) => `${c}`).join(" + ");
        return `(${paren(extra)} + ${joined}).slice(0, ${result.len})`;
      }
      case "bool":
        return calls.map((c) => `!${c}`).join(this.rng.chance(0.5) ? " && " : " || ");
      case "ints":
        return `[0]`;
      case "num": {
        // No mask: a binary recursion of products runs past 2^53 and on to the infinities.
        const extra = this.wideExpr(1, true);
        const ops = calls.slice(1).map(() => this.rng.pick([" + ", " - ", " * "]));
        const joined = calls.map((c, i) => (i === 0 ? c : ops[i - 1] + c)).join("");
        const op = this.rng.pick(["+", "-", "*", "%"]);
        return `${joined} ${op} ${paren(op === "*" ? this.factor(extra) : extra)}`;
      }
    }
  }

  private closureDeclaration(): void {
    const name = this.name("f");
    const result = this.shape(this.rng.weighted([[6, "int"], [2, "str"], [1, "bool"], [this.model.wide ? 2 : 0, "num"]] as const));
    const params: Shape[] = [];
    const paramNames: string[] = [];
    for (let i = 0; i < this.rng.between(0, 2); i++) {
      params.push(this.shape("int"));
      paramNames.push(this.name("x"));
    }
    const signature = params.map((p, i) => `${paramNames[i]}: ${this.typeOf(p)}`).join(", ");
    const asFunction = this.rng.chance(0.25);
    const blockBody = asFunction || this.rng.chance(0.6);
    const header = asFunction ? `function ${name}(${signature}): ${this.typeOf(result)}` : `const ${name} = (${signature}): ${this.typeOf(result)} =>`;
    let text = "";
    const { cost, assignsOuter } = this.inFunction({ kind: "closure", result, scope: this.fn.scope, sealed: false }, () => {
      params.forEach((p, i) => this.declare(this.paramVariable(paramNames[i]!, p)));
      if (!blockBody) {
        text = `${header} ${paren(this.valueOf(result, 2))};`;
        return;
      }
      this.emit(`${header} {`);
      this.indent++;
      // Closures mostly update what they capture: counters, accumulators, arrays.
      this.statements(1, 1, 3);
      if (this.rng.chance(0.6)) this.assignment();
      this.emit(`return ${this.valueOf(result, 2).code};`);
      this.indent--;
      this.emit(asFunction ? "}" : "};");
    });
    if (text) this.emit(text);
    this.fn.scope.callables.push({ name, params, result, cost, pure: !assignsOuter });
  }

  private closureArray(): void {
    const name = this.name("fs");
    const count = this.rng.between(1, 4);
    const counter = this.name("i");
    const x = this.name("x");
    const param = this.rng.pick(SMALL_RANGES);
    const result = this.rng.pick(SMALL_RANGES);
    this.emit(`const ${name}: Array<(${x}: number) => number> = [];`);
    let cost = 1;
    this.block(`for (let ${counter} = 0; ${counter} < ${count}; ${counter}++)`, () => {
      this.declare(this.intVariable(counter, { lo: 0, hi: count - 1 }, false));
      // Each closure keeps its own `i` (a fresh binding per iteration).
      const c = this.inFunction({ kind: "closure", scope: this.fn.scope, sealed: false }, () => {
        this.declare(this.intVariable(x, param, false));
        const body = this.reduceInto(this.intExpr(2, true), result);
        this.emit(`${name}.push((${x}) => ${body.code});`);
      });
      cost = c.cost;
    });
    this.fn.scope.closureArrays.push({ name, length: count, result, param, cost });
  }

  private finalPrint(): void {
    const names = this.fn.scope.variables.filter((v) => v.kind !== "num" || this.model.fractions || this.model.wide).map((v) => v.name);
    if (names.length === 0) return;
    let shown = names.slice(-this.rng.between(1, 4));
    if (this.model.wide) {
      // Nums only while the conversion budget lasts.
      shown = shown.filter((name) => {
        const v = this.fn.scope.variables.find((w) => w.name === name)!;
        const count = v.kind === "num" ? 1 : v.kind === "nums" ? v.len : 0;
        if (!this.canConvert(count)) return false;
        this.convert(count);
        return true;
      });
      if (shown.length === 0) return;
    }
    this.emit(`console.log("end", ${shown.join(", ")});`);
  }
}
