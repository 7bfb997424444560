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
 *  `this` and at most one argument. */
export declare function callMethod(code: unknown, self: unknown, argument?: unknown): unknown;

/** The address of a linker symbol (`__heap_start`, …). */
export declare function symbolAddress(name: string): number;

/** Stops the program with a crash report of the given kind (see sdk/lib/rt/panic-codes.ts). */
export declare function panic(code: number): never;

/** True in images built for a simulator (exit through semihosting / BKPT), false for hardware. */
export declare const SIMULATOR: boolean;
