// A command dispatcher: a table of handlers, splitting and filtering words, rest destructuring,
// a parser that throws SyntaxError, caught and reported by the caller, others rethrown.
type Handler = (args: string[]) => string;
const handlers: Record<string, Handler> = {
  echo: (args) => args.join(" "),
  add: (args) => String(args.map((a) => parseIntStrict(a)).reduce((x, y) => x + y, 0)),
  upper: (args) => args.map((a) => a.toUpperCase()).join(" "),
  rev: (args) => args.slice().reverse().join(" "),
};
function parseIntStrict(text: string): number {
  let n = 0;
  let sign = 1;
  let i = 0;
  if (text.startsWith("-")) { sign = -1; i = 1; }
  if (i >= text.length) throw new SyntaxError(`not a number: '${text}'`);
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) throw new SyntaxError(`not a number: '${text}'`);
    n = n * 10 + c;
  }
  return sign * n;
}
function run(line: string): string {
  const [name, ...args] = line.trim().split(" ").filter((p) => p.length > 0);
  const handler = handlers[name];
  if (handler === undefined) return `unknown command: ${name}`;
  try {
    return handler(args);
  } catch (e) {
    if (e instanceof SyntaxError) return `error: ${e.message}`;
    throw e;
  }
}
for (const line of ["echo hello  world", "add 1 2 3 -4", "add 1 x", "upper mote rocks", "rev a b c", "nope 1", "  echo   spaced  "]) {
  console.log(JSON.stringify(line), "->", run(line));
}
