// Strings compared with <, <=, > and >=: by UTF-16 code units (not by locale), a prefix
// before the longer string, the empty string first, upper case before lower case, and a
// sort with a comparator built from them.
const pairs: Array<[string, string]> = [
  ["apple", "banana"], ["b", "apple"], ["app", "apple"], ["", "a"], ["", ""],
  ["Zebra", "apple"], ["a", "A"], ["é", "z"], ["\ud83d\ude00", "\uffff"], ["same", "same"],
  ["10", "9"], ["abc", "abd"],
];
for (const [a, b] of pairs) {
  console.log(JSON.stringify(a), JSON.stringify(b), a < b, a <= b, a > b, a >= b);
}
const words = ["delta", "Alpha", "charlie", "bravo", "", "alpha", "Bravo", "échelle"];
const sorted = words.slice().sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
console.log(sorted.join(","));
let smallest = words[0];
for (const w of words) if (w < smallest) smallest = w;
console.log(JSON.stringify(smallest), words.filter((w) => w >= "b").length);
