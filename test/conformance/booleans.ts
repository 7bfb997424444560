// Booleans: printing true/false, storing comparison results, boolean equality, passing and returning them.
const t = true;
const f = false;
console.log(t, f);
console.log(t, "and", f, "together");
const bigger: boolean = 10 > 3;
const smaller: boolean = 10 < 3;
console.log(bigger, smaller, bigger === true, smaller === false, bigger !== smaller);
function isEven(n: number): boolean {
  return (n & 1) === 0;
}
function both(p: boolean, q: boolean): boolean {
  return p && q;
}
function xor(p: boolean, q: boolean): boolean {
  return p !== q;
}
console.log(isEven(4), isEven(7), isEven(0), isEven(-2), isEven(-2147483648), isEven(2147483647));
const table = [0, 1];
for (let i = 0; i < 2; i++) {
  for (let j = 0; j < 2; j++) {
    const p = table[i] === 1;
    const q = table[j] === 1;
    console.log(p, q, both(p, q), p || q, xor(p, q), !p, p === q);
  }
}
let toggle = false;
let changes = 0;
for (let i = 0; i < 7; i++) {
  toggle = !toggle;
  if (toggle) {
    changes++;
  }
}
console.log("toggle", toggle, "changes", changes);
let allEven = true;
let anyOdd = false;
const numbers = [2, 4, 6, 9, 10];
for (let i = 0; i < numbers.length; i++) {
  allEven = allEven && isEven(numbers[i]);
  anyOdd = anyOdd || !isEven(numbers[i]);
}
console.log("allEven", allEven, "anyOdd", anyOdd);
console.log("flag: " + t, f + " flag", "" + (1 < 2), t + "" + f);
