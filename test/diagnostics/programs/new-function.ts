// new Function compiles source text at run time; the device has no compiler.
const add = new Function("a", "b", "return a + b"); //! MOTE1003 "'Function'" at Function(
console.log(add(1, 2));
