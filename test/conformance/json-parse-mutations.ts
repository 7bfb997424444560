// JSON.parse of 300 documents damaged at random (a character deleted, inserted or the text
// cut short, by a fixed generator): the same values and the same error messages as Node.
const documents = [
  '{"a":1,"b":[true,false,null],"c":{"d":"e\\u00e9\\n"},"f":-1.5e3}',
  '[1,-0,0.25,1e21,"x\\"y",{},[],{"k":[{"z":null}]}]',
  '{"name":"caf\u00e9 \u4e2d","list":[1,2,3],"nested":{"deep":{"deeper":[0]}}}',
  '  {\n  "t" : 12 ,\r\n "u":\t"v"  }  ',
  '"\\ud83d\\ude00 \\/ \\b\\f\\r\\t"',
];
const junk = '"\\,:{}[]x0-.e+ \n\u0001ntfu\u4e2d\u00e9';
let seed = 7;
function next(n: number): number {
  seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff;
  return seed % n;
}
let parsed = 0;
// Every message, summed up: a difference anywhere changes the sum.
let checksum = 0;
for (let i = 0; i < 300; i++) {
  let text = documents[next(documents.length)];
  for (let edits = 1 + next(2); edits > 0; edits--) {
    const at = next(text.length + 1);
    const kind = next(5);
    if (kind < 2) text = text.slice(0, at) + text.slice(at + 1);
    else if (kind < 4) text = text.slice(0, at) + junk.charAt(next(junk.length)) + text.slice(at);
    else text = text.slice(0, at);
  }
  try {
    const value: unknown = JSON.parse(text);
    parsed++;
    if (i % 10 === 0) console.log(i, "ok", JSON.stringify(value));
  } catch (e) {
    const message = (e as SyntaxError).message;
    for (let k = 0; k < message.length; k++) checksum = (checksum * 31 + message.charCodeAt(k)) % 1000000007;
    if (i % 10 === 0) console.log(i, message);
  }
}
console.log("parsed", parsed, "failed", 300 - parsed, "checksum", checksum);
