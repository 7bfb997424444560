// An uncaught SyntaxError from JSON.parse: the program prints what came before, then stops
// with Node's message and exit code 1.
interface Settings { volume: number; muted: boolean }
const good = JSON.parse('{"volume": 7, "muted": false}') as Settings;
console.log("volume", good.volume, "muted", good.muted);
const lines = ['{"volume": 8, "muted": true}', '{"volume": 9, "muted": yes}'];
for (const line of lines) {
  console.log("applying", line);
  const next = JSON.parse(line) as Settings; //! throws SyntaxError
  console.log("volume", next.volume, "muted", next.muted);
}
console.log("never printed");
