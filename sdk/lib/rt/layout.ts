// Object layouts and descriptor kinds, shared by the device runtime and the compiler
// (sdk/compiler/values.ts re-exports them). Offsets are in bytes from the object's address;
// word 0 of every object points to its descriptor, whose word 0 is the kind.

export const OBJECT_DESCRIPTOR = 0;

/** The collector's heap (sdk/lib/rt/heap.ts): blocks are whole granules, each starts with a
 *  header word (size | flags), and a bitmap holds one bit per granule; blocks waiting to be
 *  traced sit on a mark stack of fixed size. */
export const HEAP_GRANULE = 8;
export const HEAP_BLOCK_HEADER = 4;
export const HEAP_MARK_STACK_ENTRIES = 64;

/** Strings: length in UTF-16 code units, then the code units (1 or 2 bytes each). */
export const STRING_LENGTH = 4;
export const STRING_DATA = 8;

/** Arrays: the length, the address of the element words. An array is one heap block: the
 *  elements follow these words (ARRAY_SIZE on) until the array grows past the block, when they
 *  move to a block of their own. The capacity is what the elements' block holds (heap.ts's
 *  objectEnd); an array in flash (constant data) has none to spare. */
export const ARRAY_LENGTH = 4;
export const ARRAY_ELEMENTS = 8;
export const ARRAY_SIZE = 12;
/** The word of an element slot never written, inside the length (a hole: `new Array(n)`, a
 *  longer length, a write past the end). It reads as undefined (compiled reads test for it);
 *  forEach, map, indexOf and the rest skip it, as Node does, and console.log prints runs of
 *  them as `<n empty items>`. Low bits 10, like the special constants, so the collector
 *  ignores it. Spare capacity, past the length, holds undefined. */
export const ARRAY_HOLE = 18;
/** A RegExp match (exec, match, matchAll; sdk/lib/rt/regexp.ts) is an array with a descriptor
 *  of its own (kind KIND_ARRAY) and three more words: the properties index, input, groups;
 *  its elements are a block of their own. */
export const MATCH_INDEX = 12;
export const MATCH_INPUT = 16;
export const MATCH_GROUPS = 20;
export const MATCH_SIZE = 24;
export const DESCRIPTOR_MATCH = "__desc_match";

/** Boxed numbers: an IEEE 754 double, low word first. Numbers that are not small integers. */
export const NUMBER_LOW = 4;
export const NUMBER_HIGH = 8;
export const NUMBER_SIZE = 12;

/** Typed arrays are views of an ArrayBuffer: the length in elements, the address of the first
 *  element (raw, inside the buffer's bytes), the buffer (which keeps the bytes alive). Views
 *  of one buffer share its bytes, so a write through one is seen through every other. */
export const TYPED_LENGTH = 4;
export const TYPED_DATA = 8;
export const TYPED_BUFFER = 12;
export const TYPED_SIZE = 16;
/** ArrayBuffers (sdk/lib/rt/typed-arrays.ts): the descriptor, the byte length (a value, the
 *  class's one field), then the bytes, 4-aligned, in the object. */
export const ARRAY_BUFFER_SIZE = 4;
export const ARRAY_BUFFER_BYTES = 8;
/** A typed array's descriptor: the kind, the element size in bytes, the element type as an
 *  index into TYPED_ELEMENT_NAMES. */
export const TYPED_DESCRIPTOR_ELEMENT = 8;
/** Element types, in the order of their index (the compiler's TypedElement values). */
export const TYPED_ELEMENTS = "u8 i8 u16 i16 u32 i32 f32 f64";
export const TYPED_ELEMENT_NAMES = "Uint8Array Int8Array Uint16Array Int16Array Uint32Array Int32Array Float32Array Float64Array";

export const KIND_STRING8 = 1;
export const KIND_STRING16 = 2;
export const KIND_ARRAY = 3;
export const KIND_NUMBER = 4;
export const KIND_TYPED_ARRAY = 5;
export const KIND_CLOSURE = 6;
export const KIND_CELL = 7;
export const KIND_OBJECT = 8;
export const KIND_PLAIN = 9;
/** A getter and setter pair of an object literal (`{ get x() {…} }`): the value a plain object
 *  holds for such a property (objects.ts); never a value a program sees. */
export const KIND_ACCESSOR = 10;

/** Class descriptors (in flash): the kind, the parent class's descriptor (0 for none), the
 *  instance size in bytes, the field names (an array object in flash, in layout order), the
 *  method names (an array in flash, by method-table slot: "m", "get m", "set m"), the class
 *  name, how console.log prints an instance (CLASS_PRINT_*), then the method table (code
 *  addresses, bit 0 set). Instances: the descriptor, then the fields. */
export const CLASS_PARENT = 4;
export const CLASS_SIZE = 8;
export const CLASS_FIELD_NAMES = 12;
export const CLASS_METHOD_NAMES = 16;
export const CLASS_NAME = 20;
export const CLASS_PRINT = 24;
export const CLASS_METHODS = 28;

/** console.log of a class instance: `Name { fields }`, as a Map, a Set or a Date, or not supported
 *  (the runtime's other classes, such as errors, which Node prints with their stack). */
export const CLASS_PRINT_FIELDS = 0;
export const CLASS_PRINT_MAP = 1;
export const CLASS_PRINT_SET = 2;
export const CLASS_PRINT_UNSUPPORTED = 3;
/** A Date: its toJSON() (the ISO text), or "Invalid Date". */
export const CLASS_PRINT_DATE = 4;
/** A RegExp: its toString(), /source/flags. */
export const CLASS_PRINT_REGEXP = 5;
/** A generator object: `Object [Generator] {}`. */
export const CLASS_PRINT_GENERATOR = 6;
/** A Map's or Set's iterator: `[Map Iterator] { 'a' }`, `[Set Entries] { [ 1, 1 ] }`, the
 *  entries it has left. */
export const CLASS_PRINT_COLLECTION_ITERATOR = 7;
/** A Promise: `Promise { 1 }`, `Promise { <pending> }`, `Promise { <rejected> 7 }`. */
export const CLASS_PRINT_PROMISE = 8;

/** Plain objects (object literals, records): the keys and the values, as two arrays in
 *  insertion order. */
export const PLAIN_KEYS = 4;
export const PLAIN_VALUES = 8;
export const PLAIN_SIZE = 12;
export const DESCRIPTOR_PLAIN = "__desc_plain";
/** A plain object without a prototype (a match's groups), which console.log prints so. */
export const DESCRIPTOR_PLAIN_NULL = "__desc_plain_null";
/** Object.freeze gives a plain object or an array this descriptor (the same kind) in place of
 *  its own: a frozen value costs no word, and writes test it only where they go through the
 *  runtime (sdk/lib/rt/frozen.ts). */
export const DESCRIPTOR_PLAIN_FROZEN = "__desc_plain_frozen";
/** A plain object that holds an accessor (not frozen): reads and writes look for it. */
export const DESCRIPTOR_PLAIN_ACCESSORS = "__desc_plain_accessors";
export const DESCRIPTOR_ARRAY_FROZEN = "__desc_array_frozen";
/** An accessor pair: the descriptor, the getter, the setter (each a closure or undefined). */
export const DESCRIPTOR_ACCESSOR = "__desc_accessor";
export const ACCESSOR_GETTER = 4;
export const ACCESSOR_SETTER = 8;
export const ACCESSOR_SIZE = 12;

/** Closures: the code address (Thumb, bit 0 set), then the cells of captured variables. */
export const CLOSURE_CODE = 4;
export const CLOSURE_CELLS = 8;
/** Cells: one captured variable's value. */
export const CELL_VALUE = 4;
export const DESCRIPTOR_CLOSURE = "__desc_closure";
/** A closure's descriptor: the kind, then its name (a string, or 0 for an anonymous function:
 *  DESCRIPTOR_CLOSURE's) and flags. A function the program names (a method of an object
 *  literal, `const f = () => …`) has a descriptor of its own in flash (lower/object-methods.ts). */
export const CLOSURE_DESCRIPTOR_NAME = 4;
export const CLOSURE_DESCRIPTOR_FLAGS = 8;
export const CLOSURE_DESCRIPTOR_SIZE = 12;
/** Flags: a method takes `this` from the call (sdk/lib/rt/methods.ts); an async function;
 *  a bound function (its one cell: [the target, `this`, the leading arguments]); a generator. */
export const CLOSURE_METHOD = 1;
export const CLOSURE_ASYNC = 2;
export const CLOSURE_BOUND = 4;
export const CLOSURE_GENERATOR = 8;
/** The descriptor of bound functions (sdk/lib/rt/methods.ts, bindFunction). */
export const DESCRIPTOR_BOUND = "__desc_bound";
export const DESCRIPTOR_CELL = "__desc_cell";

/** An async function's frame is a closure whose code resumes the function (promise.ts): in
 *  place of cells, the promise the call returned, the state (0 before the body starts, k while
 *  suspended at the k-th await), then the parameters, later the values live across an await. */
export const FRAME_PROMISE = CLOSURE_CELLS;
export const FRAME_STATE = CLOSURE_CELLS + 4;
export const FRAME_SLOTS = CLOSURE_CELLS + 8;
/** A generator's frame (iteration.ts) has no promise: that word holds its flags (running,
 *  delegated), a small integer. */
export const FRAME_GENERATOR_FLAGS = FRAME_PROMISE;
/** Words of a frame before its slots (what FRAME_SLOTS skips of the closure's cells). */
export const FRAME_HEADER_CELLS = 2;

/** Descriptor symbols, emitted once per image by the compiler. */
export const DESCRIPTOR_STRING8 = "__desc_string8";
export const DESCRIPTOR_STRING16 = "__desc_string16";
export const DESCRIPTOR_ARRAY = "__desc_array";
export const DESCRIPTOR_NUMBER = "__desc_number";
/** One descriptor per typed array type: "__desc_" + the element code (u8, i16, …). */
export const DESCRIPTOR_TYPED_PREFIX = "__desc_";
