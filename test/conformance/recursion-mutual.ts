// Mutual recursion between two and three functions (even/odd, Hofstadter F/M, a three-way cycle).
function isEven(n: number): boolean {
  return n === 0 ? true : isOdd(n - 1);
}
function isOdd(n: number): boolean {
  return n === 0 ? false : isEven(n - 1);
}
console.log(isEven(0), isOdd(0), isEven(7), isOdd(7), isEven(150), isOdd(151));
function female(n: number): number {
  return n === 0 ? 1 : n - male(female(n - 1));
}
function male(n: number): number {
  return n === 0 ? 0 : n - female(male(n - 1));
}
let fs = "";
let ms = "";
for (let i = 0; i < 20; i++) {
  fs += female(i) + " ";
  ms += male(i) + " ";
}
console.log("F:", fs);
console.log("M:", ms);
function stepA(n: number, trail: string): string {
  return n <= 0 ? trail + "." : stepB(n - 1, trail + "a");
}
function stepB(n: number, trail: string): string {
  return n <= 0 ? trail + "." : stepC(n - 2, trail + "b");
}
function stepC(n: number, trail: string): string {
  return n <= 0 ? trail + "." : stepA(n - 3, trail + "c");
}
console.log(stepA(20, ""), stepB(7, ">"), stepC(0, "<"));
function ping(n: number): number {
  if (n <= 0) return 0;
  return 1 + pong(n - 1);
}
function pong(n: number): number {
  if (n <= 0) return 0;
  return 2 + ping(n - 1);
}
console.log(ping(10), pong(10), ping(101), pong(100));
