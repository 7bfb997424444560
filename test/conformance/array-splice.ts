// Array.prototype.splice: removing, inserting and replacing, negative and out-of-range
// starts, and a missing or undefined count; it returns what it removed.
function show(label: string, a: number[], removed: number[]): void {
  console.log(label, "[" + a.join(",") + "]", "removed [" + removed.join(",") + "]", a.length);
}
const base = (): number[] => [10, 20, 30, 40, 50];

let a = base();
show("remove 2 at 1", a, a.splice(1, 2));
a = base();
show("insert at 2", a, a.splice(2, 0, 25, 26, 27));
a = base();
show("replace 1 with 3", a, a.splice(3, 1, 41, 42, 43));
a = base();
show("replace 3 with 1", a, a.splice(0, 3, 5));
a = base();
show("negative start", a, a.splice(-2, 1));
a = base();
show("start past the end", a, a.splice(9, 2, 60));
a = base();
show("start before the beginning", a, a.splice(-9, 1));
a = base();
show("no count", a, a.splice(2));
a = base();
const none: number | undefined = undefined;
show("undefined count", a, a.splice(2, none));
a = base();
show("negative count", a, a.splice(1, -3, 15));
a = base();
show("count past the end", a, a.splice(3, 100));

const words = ["alpha", "beta", "gamma"];
const removedWords = words.splice(1, 1, "delta", "epsilon");
console.log(words.join(" "), "|", removedWords.join(" "));
while (words.length > 0) console.log("took", words.splice(0, 2).join("+"), "left", words.length);
