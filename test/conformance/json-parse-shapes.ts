// JSON.parse of every shape of document: literals at the top level, empty and nested arrays and
// objects, white space everywhere, duplicate keys, index keys listed first as Node lists them.
const documents = [
  "0", "-7", "true", "false", "null", '"text"', " \t\r\n 42 \n",
  "[]", "{}", "[[]]", "[{}]", '{"a":{}}', '{"a":[]}',
  ' [ 1 , [ 2 , [ 3 , [ 4 ] ] ] , { "k" : [ { } ] } ] ',
  '{"a":1,"b":2,"a":3}',
  '{"b":1,"10":2,"9":3,"a":4,"0":5,"01":6,"-1":7,"4294967294":8,"4294967295":9}',
  '{"__proto__":{"x":1},"constructor":2,"":3,"two words":4,"x-y":5}',
  '[null,true,false,"",0,[],{}]',
  '{"list":[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27]}',
];
for (const text of documents) {
  const value = JSON.parse(text);
  console.log("parse", JSON.stringify(text), "->", value, typeof value, Array.isArray(value));
  console.log("  again:", JSON.stringify(value));
}
const keyed = JSON.parse(documents[15]) as Record<string, number>;
console.log(Object.keys(keyed).join(" "), Object.values(keyed).join(" "));
for (const [key, n] of Object.entries(keyed)) if (n > 6) console.log(key, n);
const merged = JSON.parse(documents[14]) as Record<string, number>;
merged.c = 4;
console.log(merged, Object.keys(merged).length);
