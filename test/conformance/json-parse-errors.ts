// JSON.parse of malformed text throws SyntaxError with Node's message: each kind of mistake,
// its position, caught and printed; the error is a SyntaxError and an Error.
const inputs = [
  "", " \n\t ", "{", "[", "{\"a\"", "{\"a\":", "{\"a\":1", "{\"a\":1,", "{\"a\":1,}", "[1,]",
  "[1", "[1 2]", "[1,,2]", "{a:1}", "{'a':1}", "{\"a\" 1}", "{\"a\":1 \"b\":2}", "{\"a\":1}}",
  "]", "}", ":", ",", "x", "'a'", "undefined", "NaN", "Infinity", "-Infinity", "[object Object]",
  "tru", "trux", "t\"", "tr1", "nul", "nulL", "falsey", "true false",
  "01", "-01", "00", "-", "-x", "- 1", "+1", ".5", "1.", "1.e3", "1e", "1e+", "1E-", "0x1F",
  "1 2", "\"abc", "\"a\\x\"", "\"\\u12\"", "\"\\u12g4\"", "\"\\u", "\"abc\\", "\"a\nb\"",
  "\"tab\there\"", "\"\u0001\"", "\"\\'\"", "\"\u20ac\\\u20ac\"", "\u20ac", "[1, \u4e2d]",
  "\ufeff1", "1\u00a0", "{\"a\":1}x", "[] []", "\"\\\"",
];
for (const input of inputs) {
  try {
    const value = JSON.parse(input);
    console.log("parsed", JSON.stringify(input), value);
  } catch (e) {
    const error = e as Error;
    console.log(JSON.stringify(input), error instanceof SyntaxError, error instanceof Error, error.name);
    console.log("  " + error.message);
  }
}
try {
  JSON.parse("{\"ok\":true,}");
} catch (e) {
  console.log(String(e));
}
