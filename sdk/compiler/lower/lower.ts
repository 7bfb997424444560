// Lowering: the type-checked TypeScript program becomes IR, one function at a time, starting
// from the entry and following calls (whole-program reachability: a function nobody calls is
// never lowered, so never linked). The subset check is part of lowering: a construct these
// files do not handle is reported with a MOTE code at its position, never compiled wrongly.
//
// The lowering is one class, Lowerer, written across one file per construct. This module is
// the entry: importing it loads every construct file, each of which adds its methods to
// Lowerer.prototype, so `this.expr(…)` works from any of them. Where to look:
//   lowerer.ts         the Lowerer: its state, the primitives every construct uses (emit, temp,
//                      constant, call, blocks, kindOf, typeAt), lowerProgram, runtime symbols
//   modules.ts         modules: their order, globals, constant globals, module init code
//   functions.ts       function bodies, parameters, async frames and await, closures
//   statements.ts      blocks, declarations, if/while/do/for/for-of/for-in, switch, try, labels
//   destructuring.ts   [a, b] and { a, b } patterns in declarations, parameters and assignments
//   conditions.ts      conditions lowered as branches: truthiness, equality, && and || in tests
//   expressions.ts     the expression dispatch, identifiers, assignment, templates, ?:, && and ||
//   operators.ts       binary, unary and compound operators, arithmetic, string concatenation
//   calls.ts           call expressions: direct, indirect (function values), interface methods
//   builtins.ts        methods of strings, arrays, Math, Number, Object, Array.from, Promise.*
//   printing.ts        console.log and its formatting
//   intrinsics.ts      peek/poke and the other mote/intrinsics functions
//   arrays.ts          array and typed array literals, construction, element get and set
//   objects.ts         object literals, property reads, optional chains
//   classes.ts         classes: layout, constructors, members, super, new
//   runtime-symbols.ts the runtime functions lowering calls (RT), and where their sources are
//   syntax.ts          small syntax helpers shared by several of the files above
//   generators.ts      generator functions as state machines: yield, yield*, return()/throw()
//   iteration.ts       the iteration protocol: for…of, spread, Array.from and [a, b] = over
//                      generators and [Symbol.iterator]() classes; closing iterators left early

import "./modules.ts";
import "./functions.ts";
import "./statements.ts";
import "./destructuring.ts";
import "./conditions.ts";
import "./expressions.ts";
import "./operators.ts";
import "./calls.ts";
import "./builtins.ts";
import "./printing.ts";
import "./intrinsics.ts";
import "./arrays.ts";
import "./objects.ts";
import "./classes.ts";
import "./regexps.ts";
import "./generators.ts";
import "./iteration.ts";
import "./checked-casts.ts";
import "./frozen.ts";
import "./accessors.ts";
import "./object-methods.ts";
import "./function-methods.ts";
import "./tagged-templates.ts";
import "./collection-loops.ts";
import "./function-names.ts";
import "./error-stacks.ts";
import "./thrown-values.ts";
import "./promises.ts";

export { Lowerer, type LowerOptions } from "./lowerer.ts";
