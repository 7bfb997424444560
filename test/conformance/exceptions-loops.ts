// Exceptions through loops: finally on break and continue, nested try, an Error subclass with
// its own field, and the string form of errors.
class ValidationError extends Error {
  constructor(public field: string) {
    super("invalid " + field);
    this.name = "ValidationError";
  }
}
let order = "";
for (let i = 0; i < 4; i++) {
  try {
    if (i === 1) continue;
    if (i === 3) break;
    try {
      if (i === 2) throw new ValidationError("f" + i);
      order += "t" + i;
    } finally {
      order += "i" + i;
    }
  } catch (e) {
    const v = e as ValidationError;
    order += "c(" + v.field + "," + String(v) + ")";
  } finally {
    order += "f" + i;
  }
}
console.log(order);
const plain = new Error("no name");
const typed = new TypeError();
console.log(String(plain), "[" + String(typed) + "]", plain.name, typed.message.length);
