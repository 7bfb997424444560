// A method called through an interface whose object has no such function is a TypeError once
// the arguments are evaluated, with Node's message; the classes beside it are dispatched normally.
interface Handler {
  handle(kind: string, a: number, b: number, c: number, d: number): string;
}
class Logger implements Handler {
  handle(kind: string, a: number, b: number, c: number, d: number): string { return `${kind} ${a + b + c + d}`; }
}
const broken = { handle: 5 } as unknown as Handler;
const handlers: Handler[] = [new Logger(), { handle: (kind) => kind + "!" }, broken];
let evaluated = 0;
const next = (): number => {
  evaluated++;
  console.log("argument", evaluated);
  return evaluated;
};
for (const h of handlers) {
  console.log(h.handle("event", next(), next(), next(), next())); //! throws TypeError
}
