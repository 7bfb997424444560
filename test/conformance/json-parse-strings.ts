// JSON.parse of strings: every escape, \u escapes of Latin-1 and wider units, surrogate pairs,
// lone surrogates, text that is wide in the source, and strings as object keys.
const texts = [
  '"plain"',
  '"quote \\" backslash \\\\ slash \\/ end"',
  '"\\b\\f\\n\\r\\t"',
  '"\\u0041\\u00e9\\u00FF\\u0100\\u20ac"',
  '"\\ud83d\\ude00 smile"',
  '"\\uD83D alone \\uDE00"',
  '"caf\u00e9 \u4e2d\u6587 \ud83d\ude80"',
  '"mixed \u4e2d \\u0041 \\n end"',
  '"\\u0000\\u001f\\u007f"',
  '""',
];
for (const text of texts) {
  const s = JSON.parse(text) as string;
  const codes: number[] = [];
  for (let i = 0; i < s.length; i++) codes.push(s.charCodeAt(i));
  console.log(s.length, codes.join(","));
  console.log(s);
  console.log([s], JSON.stringify(s) === JSON.stringify(JSON.parse(JSON.stringify(s))));
}
const keys = JSON.parse('{"\\u00e9t\\u00e9":1,"\u4e2d":2,"a\\nb":3,"\\ud83d\\ude00":4}') as Record<string, number>;
console.log(keys, Object.keys(keys).map((k) => k.length));
console.log(keys["été"], keys["中"], keys["a\nb"], keys["😀"]);
const wide = JSON.parse('["\u4e2d", "ascii in a wide text", "\\u4e2d"]') as string[];
console.log(wide, wide[1].length, wide[0] === wide[2]);
