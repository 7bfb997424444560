// JSON.parse's message for an unexpected token in a long text: the token, then up to ten
// characters of context on each side, with "..." where the text goes on (Node's format).
const base = "[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20]";
const cases: string[] = [];
for (const at of [0, 1, 9, 10, 11, 20, 30, base.length - 11, base.length - 10, base.length - 2]) {
  cases.push(base.slice(0, at) + "?" + base.slice(at + 1));
}
cases.push("x".repeat(20), "x".repeat(21), "y" + " ".repeat(19), "y" + " ".repeat(20));
cases.push("[" + "1,".repeat(12) + "\u4e2d" + ",2".repeat(12) + "]");
cases.push("{\"k\":\"" + "\u00e9".repeat(15) + "\",#}");
cases.push("     [true, false, null, nul!, 1]     ");
for (const text of cases) {
  try {
    JSON.parse(text);
    console.log("parsed", text);
  } catch (e) {
    console.log(text.length, (e as SyntaxError).message);
  }
}
