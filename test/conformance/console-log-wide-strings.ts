// console.log lays out long arrays of strings in columns measured in terminal columns, as Node
// does: CJK and emoji take two, combining marks none, astral symbols like 𝄞 one.
const cjk = ["日本", "中文", "한국어", "ｆｕｌｌ", "a", "bb", "ccc", "東京都", "北京"];
console.log(cjk);
const emoji = ["😀", "a😀b", "🙂🙃", "👍🏽", "x", "yy", "✓ ok", "→", "€", "Ω"];
console.log(emoji);
const marks = ["e\u0301", "n\u0303o", "𝄞", "𝄞𝄞", "\u200bz", "ab", "abc", "abcd", "ä", "ö", "ü"];
console.log(marks);
const mixed: string[] = [];
for (let i = 0; i < 26; i++) mixed.push(i % 3 === 0 ? "字".repeat(1 + (i % 4)) : "w".repeat(1 + (i % 5)));
console.log(mixed);
console.log([["日本", "x", "y", "z", "北京", "w", "v"], ["😀😀", "a", "b", "c", "d", "e", "f"]]);
const numbers = [1, 22, 333, 4444, 5, 66, 777, 8, 99, 1000];
console.log(numbers);
console.log({ cities: ["東京", "大阪", "名古屋", "札幌", "福岡", "神戸", "京都"], count: 7 });
console.log(["短い", "x"]);
