// Recursion without end stops the program as on Node: "RangeError: Maximum call stack size
// exceeded" and exit status 1, and what was printed before stays. Bounded recursion still
// works. (The device's stack is far smaller than Node's, so it stops after fewer calls;
// nothing is printed in between.) Here two methods call each other through `this`.
function depth(n: number): number {
  return n === 0 ? 0 : 1 + depth(n - 1);
}
console.log("depth", depth(10), depth(100));
class Parity {
  calls = 0;
  isEven(n: number): boolean {
    this.calls++;
    return n === 0 ? true : this.isOdd(n - 1);
  }
  isOdd(n: number): boolean {
    this.calls++;
    return n === 0 ? false : this.isEven(n - 1); //! throws RangeError
  }
}
const parity = new Parity();
console.log("7 is even:", parity.isEven(7), "8 is even:", parity.isEven(8), "calls:", parity.calls);
// A negative number never reaches 0.
console.log("-1 is even:", parity.isEven(-1));
console.log("never printed");
