// Functions with 6, 7 and 8 parameters: argument order, passing parameters through, and recursion with many arguments.
function six(a: number, b: number, c: number, d: number, e: number, f: number): number {
  return a * 100000 + b * 10000 + c * 1000 + d * 100 + e * 10 + f;
}
function seven(a: number, b: number, c: number, d: number, e: number, f: number, g: number): number {
  return a - b + c - d + e - f + g * 1000;
}
function eight(a: number, b: number, c: number, d: number, e: number, f: number, g: number, h: number): string {
  return a + "," + b + "," + c + "," + d + "," + e + "," + f + "," + g + "," + h;
}
console.log(six(1, 2, 3, 4, 5, 6), six(6, 5, 4, 3, 2, 1), six(0, 0, 0, 0, 0, 9));
console.log(seven(1, 2, 3, 4, 5, 6, 7), seven(-1, -2, -3, -4, -5, -6, -7));
console.log(eight(1, 2, 3, 4, 5, 6, 7, 8));
console.log(eight(-2147483648, 2147483647, 0x3fffffff, -0x40000000, 0, -1, 1, 42));
function rotate(a: number, b: number, c: number, d: number, e: number, f: number, g: number, h: number, n: number): string {
  if (n === 0) return eight(a, b, c, d, e, f, g, h);
  return rotate(b, c, d, e, f, g, h, a, n - 1);
}
console.log(rotate(1, 2, 3, 4, 5, 6, 7, 8, 3));
console.log(rotate(1, 2, 3, 4, 5, 6, 7, 8, 21));
function mixed(label: string, on: boolean, x: number, y: number, suffix: string, z: number, w: number): string {
  return label + ":" + (on ? x + y : x - y) + suffix + (z * w);
}
console.log(mixed("sum", true, 30, 12, "/", 6, 7), mixed("diff", false, 30, 12, "|", -6, 7));
function weighted(a: number, b: number, c: number, d: number, e: number, f: number, g: number, h: number): number {
  return a * 1 + b * 2 + c * 3 + d * 4 + e * 5 + f * 6 + g * 7 + h * 8;
}
let total = 0;
for (let i = 0; i < 10; i++) {
  total += weighted(i, i + 1, i + 2, i + 3, i - 1, i - 2, i * 2, i * i);
}
console.log("weighted total", total);
console.log(weighted(six(0, 0, 0, 0, 1, 2), 1, 1, 1, 1, 1, 1, seven(1, 1, 1, 1, 1, 1, 0)));
