// JSON.parse of MQTT-style commands: an interface with optional fields, dispatch on a
// field, missing fields, and bad payloads caught as SyntaxError with Node's message.
interface Command { cmd: string; on?: boolean; hz?: number; text?: string; items?: Command[]; missing?: number }
const payloads = [
  '{"cmd":"led","on":true}',
  '{"cmd":"rate","hz":12.5}',
  '{"cmd":"label","text":"Kitchen \\"north\\" wall"}',
  '{"cmd":"batch","items":[{"cmd":"led","on":false},{"cmd":"rate","hz":2}]}',
  '{"cmd":"reboot"}',
  '{"cmd":"led","on":tru}',
  'reboot',
  '',
];

function run(cmd: Command, depth: number): void {
  const pad = " ".repeat(depth * 2);
  switch (cmd.cmd) {
    case "led": console.log(pad + "led", cmd.on ? "on" : "off"); break;
    case "rate": console.log(pad + "rate", cmd.hz, "period", 1000 / cmd.hz!); break;
    case "label": console.log(pad + "label", cmd.text, cmd.text!.length); break;
    case "batch":
      console.log(pad + "batch of", cmd.items!.length);
      for (const item of cmd.items!) run(item, depth + 1);
      break;
    default: console.log(pad + "unknown", cmd.cmd, cmd.missing);
  }
}

for (const payload of payloads) {
  try {
    run(JSON.parse(payload) as Command, 0);
  } catch (e) {
    if (e instanceof SyntaxError) console.log("bad payload:", e.name, e.message);
    else throw e;
  }
}
