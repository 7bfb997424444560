// Operations the compiler turns into inline machine code. Only runtime and driver code
// (sdk/lib, boards/, ports/*/rt) uses them; they are not part of the app API.
//
// Addresses are numbers. RAM and flash addresses on every supported board are below 2^30,
// so they are small integers; peripheral addresses above that must be compile-time
// constants (module-level `const`s, folded by the compiler).

/** Reads a 32-bit word (a peripheral register or a runtime field) as a number. */
export declare function peek32(address: number): number;
export declare function peek16(address: number): number;
export declare function peek8(address: number): number;
export declare function poke32(address: number, value: number): void;
export declare function poke16(address: number, value: number): void;
export declare function poke8(address: number, value: number): void;

/** Reads / writes a word that holds a JavaScript value (a tagged word), unchanged. */
export declare function peekValue<T = unknown>(address: number): T;
export declare function pokeValue(address: number, value: unknown): void;

/** The address of a heap or flash object, as a number. */
export declare function addressOf(value: unknown): number;
/** The object at an address. */
export declare function objectAt<T = unknown>(address: number): T;

/** True when the value is a small integer (31-bit, unboxed). */
export declare function isSmallInt(value: unknown): boolean;
/** True when the value is a pointer to a heap or flash object. */
export declare function isObject(value: unknown): boolean;

/** The kind in an object's descriptor (sdk/lib/rt/layout.ts). Objects only. */
export declare function objectKind(value: unknown): number;

/** Calls a method's code (an address from a class's method table, bit 0 set) with `self` as
 *  `this` and at most two arguments. */
export declare function callMethod(code: unknown, self: unknown, argument?: unknown, second?: unknown): unknown;

/** The address of a linker symbol (`__heap_start`, …). */
export declare function symbolAddress(name: string): number;

/** Stops the program with a crash report of the given kind (see sdk/lib/rt/panic-codes.ts). */
export declare function panic(code: number): never;

/** True when the program uses doubles (sdk/compiler/lower/doubles.ts): runtime code for
 *  fractions, NaN and ±Infinity is linked only then. */
export declare const DOUBLES: boolean;

/** True when the program's numbers may be fractions; false when they are all integers (an
 *  integral program, sdk/compiler/lower/doubles.ts), or when it has no doubles at all. */
export declare const FRACTIONS: boolean;

/** True in the bare profile (build's `profile: "bare"`, sdk/compiler/passes/bare-profile.ts):
 *  only start-up code allocates, from a bump allocator; no collector is linked. */
export declare const BARE: boolean;

/** True in images built for a simulator (exit through semihosting / BKPT), false for hardware. */
export declare const SIMULATOR: boolean;

/** The IEEE 754 binary64 encoding of a number, as two int32 words: the high word (sign,
 *  11 exponent bits, top 20 fraction bits) and the low word (the other 32 fraction bits).
 *  Small integers are encoded as the doubles they stand for. */
export declare function f64High(x: number): number;
export declare function f64Low(x: number): number;
/** The number whose binary64 encoding is the two words (int32, or uint32, values). */
export declare function f64FromWords(high: number, low: number): number;
