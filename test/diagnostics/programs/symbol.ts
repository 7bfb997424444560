// Symbols are unique run-time keys; use strings or enums.
const key = Symbol("key"); //! MOTE1006 "'Symbol'" at Symbol(
console.log(key.toString());
