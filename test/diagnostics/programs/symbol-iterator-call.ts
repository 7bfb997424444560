// [Symbol.iterator] names a class method; calling it by that key is not supported.
class Pair {
  *[Symbol.iterator]() { yield 1; yield 2; }
}
const it = new Pair()[Symbol.iterator](); //! MOTE1006 "'Symbol'" at Symbol.iterator]
console.log(it.next().value);
