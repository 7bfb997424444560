// console.log whose first argument is a string only known at run time: Node's util.format
// reads its specifiers then (%s, %d, %i, %c, %%), and prints the arguments left over after
// it, separated by spaces; a string without specifiers is printed as it is, followed by the
// rest inspected (arrays, objects, Map), as with a literal first argument. (%d and %i of a
// string or an object would need Number() of it: not done on devices, so not used here.)
const templates = ["%s has %s items", "plain text", "%s%% done", "%s | %s", "%s of %s", "%c%s", "%% %x %s %", "100%"];
const numeric = ["%d items", "%i%% of %d", "%d | %i", "[%i]"];
const labels = ["box", "crate"];
const counts = [3, -0, 2147483647, 40000000000];
for (let t = 0; t < templates.length; t++) {
  const template = templates[t];
  console.log(template, labels[t % 2], counts[t % 4]);
  console.log(template, counts[(t + 1) % 4], labels[t % 2], [t, t * 2]);
  console.log(template, true, null, undefined);
  console.log(template, { id: t, tags: ["a", "b"] }, new Map([[t, labels[t % 2]]]));
}
for (const template of numeric) {
  for (const count of counts) console.log(template, count, -count, "left");
  console.log(template, true, false, null, undefined);
}
function report(format: string, ...values: number[]): void {
  // The format is a parameter: every call passes another one.
  if (values.length === 1) console.log(format, values[0]);
  else console.log(format, values[0], values[1]);
}
report("%d + %d", 2, 3);
report("total: %d", 7);
report("no specifier", 5, 6);
report("%s and %s", -0, 1 - 1);
console.log("values: %s, more: %d", [1, 2, 3], 4, { rest: [5] });
let status = "ready";
console.log(status, [1, [2, [3, [4]]]], { nested: { deeper: { deepest: 1 } } });
status = "%s then %s";
console.log(status, [1, [2, [3]]], { nested: { deeper: { deepest: 1 } } }, "end");
