// do/while: the body runs at least once, continue jumps to the condition, and break leaves the loop.
let runs = 0;
do {
  runs++;
} while (false);
console.log("ran once", runs);
let n = 0;
do {
  n += 3;
} while (n < 20);
console.log("n", n);
let i = 0;
let odd = "";
do {
  i++;
  if ((i & 1) === 0) {
    continue;
  }
  odd += i + " ";
} while (i < 9);
console.log("odd:", odd, "i", i);
let j = 100;
do {
  j -= 7;
  if (j < 50) {
    break;
  }
} while (j > 0);
console.log("broke at", j);
function reverseDigits(x: number): number {
  let result = 0;
  do {
    result = result * 10 + (x % 10);
    x = (x / 10) | 0;
  } while (x > 0);
  return result;
}
console.log(reverseDigits(0), reverseDigits(7), reverseDigits(1234), reverseDigits(1000), reverseDigits(214748364));
let outer = 0;
let inner = 0;
do {
  let k = 0;
  do {
    inner++;
    k++;
  } while (k < outer);
  outer++;
} while (outer < 5);
console.log("outer", outer, "inner", inner);
function countDown(from: number): string {
  let s = "";
  let v = from;
  do {
    s += v;
    v--;
  } while (v >= 0);
  return s;
}
console.log(countDown(5), countDown(0), countDown(-3));
