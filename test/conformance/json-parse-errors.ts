// JSON.parse of malformed text throws SyntaxError with Node's message: each kind of mistake,
// its position, caught and printed; the error is a SyntaxError and an Error. An unexpected
// token in a long text is shown with up to ten characters of context on each side.
const inputs = [
  "", " \n\t ", "{", "[", "{\"a\"", "{\"a\":", "{\"a\":1", "{\"a\":1,", "{\"a\":1,}", "[1,]",
  "[1", "[1 2]", "[1,,2]", "{a:1}", "{'a':1}", "{\"a\" 1}", "{\"a\":1 \"b\":2}", "{\"a\":1}}",
  "]", "}", ":", ",", "x", "'a'", "undefined", "NaN", "Infinity", "-Infinity", "[object Object]",
  "tru", "trux", "t\"", "tr1", "nul", "nulL", "falsey", "true false",
  "01", "-01", "00", "-", "-x", "- 1", "+1", ".5", "1.", "1.e3", "1e", "1e+", "1E-", "0x1F",
  "1 2", "\"abc", "\"a\\x\"", "\"\\u12\"", "\"\\u12g4\"", "\"\\u", "\"abc\\", "\"a\nb\"",
  "\"tab\there\"", "\"\u0001\"", "\"\\'\"", "\"\u20ac\\\u20ac\"", "\u20ac", "[1, \u4e2d]",
  "\ufeff1", "1\u00a0", "{\"a\":1}x", "[] []", "\"\\\"",
  "{\"a\":1,\"b\" 2}", "{\"a\":1,\"b\"x", "{\"a\":1,\"b\"", "{\"a\":1,\"b\"\"\"", "[{\"a\" 2}]",
];
function show(input: string): void {
  try {
    const value = JSON.parse(input);
    console.log("parsed", JSON.stringify(input), value);
  } catch (e) {
    const error = e as Error;
    console.log(JSON.stringify(input), error instanceof SyntaxError, error instanceof Error, error.name);
    console.log("  " + error.message);
  }
}
for (const input of inputs) show(input);
const base = "[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20]";
for (const at of [0, 1, 9, 10, 11, 20, 30, base.length - 11, base.length - 10, base.length - 2]) {
  show(base.slice(0, at) + "?" + base.slice(at + 1));
}
for (const input of ["x".repeat(20), "x".repeat(21), "y" + " ".repeat(19), "y" + " ".repeat(20)]) show(input);
show("[" + "1,".repeat(12) + "\u4e2d" + ",2".repeat(12) + "]");
show("{\"k\":\"" + "\u00e9".repeat(15) + "\",#}");
try {
  JSON.parse("{\"ok\":true,}");
} catch (e) {
  console.log(String(e));
}
