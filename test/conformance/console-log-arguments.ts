// console.log with zero, one and many arguments of mixed types: one space between, strings raw, newline at the end.
console.log();
console.log(1);
console.log("one");
console.log(true);
console.log(1, 2);
console.log("a", "b", "c");
console.log("mixed", 1, true, -2, false, "end");
console.log(0, -1, 2147483647, -2147483648, 1073741824, -1073741825);
console.log("", "between empties", "");
console.log("a", "", "b");
console.log(" ", " ");
console.log("温度", 21, "°C", "ok", true);
console.log(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
console.log("multi\nline", 2, "args");
const x = 5;
const y = "five";
const z = false;
console.log(x, y, z, x + 1, y + 1, !z);
function show(label: string, value: number): void {
  console.log(label, value);
}
show("value", 42);
show("", 0);
console.log();
console.log("after", "an", "empty", "line");
let count = 0;
for (let i = 0; i < 3; i++) {
  console.log("iteration", i, "of", 3, i === 2);
  count++;
}
console.log(count === 3, "done");
console.log("" + 1, 1 + "", "1" === "" + 1);
