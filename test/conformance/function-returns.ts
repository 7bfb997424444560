// Returning numbers, strings and booleans, early returns from loops, and void functions whose value prints as undefined.
function firstOver(limit: number): number {
  for (let i = 0; i < 100; i++) {
    if (i * i > limit) {
      return i;
    }
  }
  return -1;
}
console.log(firstOver(10), firstOver(99), firstOver(100000));
function numberName(n: number): string {
  if (n === 1) return "one";
  if (n === 2) return "two";
  if (n === 3) return "three";
  return "many";
}
console.log(numberName(1), numberName(2), numberName(3), numberName(4));
function isSquare(n: number): boolean {
  let i = 0;
  while (i * i < n) {
    i++;
  }
  return i * i === n;
}
console.log(isSquare(0), isSquare(1), isSquare(15), isSquare(16), isSquare(1000000));
function report(label: string, value: number): void {
  console.log("report", label, value);
}
function nothing(): void {
  return;
}
function fallsOff(x: number): void {
  if (x > 0) {
    console.log("positive");
  }
}
report("a", 1);
console.log(nothing());
console.log(fallsOff(1));
console.log(fallsOff(-1));
console.log("values:", report("b", 2), nothing());
function constant(): number {
  return 2147483647;
}
function negativeConstant(): number {
  return -2147483648;
}
console.log(constant(), negativeConstant(), constant() + negativeConstant());
function pick(flag: boolean): number {
  if (flag) {
    return 10;
  } else {
    return 20;
  }
}
console.log(pick(true) + pick(false), pick(1 > 2));
