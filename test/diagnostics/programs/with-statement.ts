// 'with' resolves names at run time. TypeScript itself refuses it in a module (strict mode),
// so the type checker's error comes first; with-statement-unchecked.ts shows mote's own check.
const point = [3, 4];
with (point) { //! TS1101 "'with' statements are not allowed in strict mode" at with
  console.log(length);
}
