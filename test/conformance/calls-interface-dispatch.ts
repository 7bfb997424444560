// Interfaces that several unrelated classes implement: dynamic dispatch by the receiver's class, with many arguments, and plain objects beside them.
interface Device {
  readonly id: string;
  describe(): string;
  handle(command: string, a: number, b: number, c: number, d: number, e?: number): string;
}
class Led implements Device {
  private level = 0;
  constructor(readonly id: string) {}
  describe(): string { return `led ${this.id} at ${this.level}`; }
  handle(command: string, a: number, b: number, c: number, d: number): string {
    this.level = command === "set" ? a : this.level + b - c + d;
    return `${this.id}:${command}->${this.level}`;
  }
}
class Motor implements Device {
  speed = 0;
  direction = 1;
  constructor(readonly id: string, private limit: number) {}
  handle(command: string, a: number, b: number, c: number, d: number, e = 1): string {
    if (command === "reverse") this.direction = -this.direction;
    this.speed = Math.min(this.limit, (a + b + c + d) * e) * this.direction;
    return `${this.id}:${command}->${this.speed}`;
  }
  describe(): string { return `motor ${this.id} at ${this.speed}/${this.limit}`; }
}
class Buzzer implements Device {
  notes = 0;
  get id(): string { return "bz" + this.notes; }
  describe(): string { return `buzzer with ${this.notes} notes`; }
  handle(command: string, ...tones: number[]): string {
    this.notes += tones.length;
    return `${command}:${tones.join(",")}`;
  }
}
const plain: Device = {
  id: "p1",
  describe: () => "plain object",
  handle: (command, a, b, c, d, e) => `${command}/${a}/${b}/${c}/${d}/${e}`,
};
// Shaped like a Device without saying so: its methods sit elsewhere in its table.
class Relay {
  on = false;
  readonly id = "r1";
  toggle(): boolean { return (this.on = !this.on); }
  describe(): string { return `relay ${this.on ? "on" : "off"}`; }
  handle(command: string, a: number): string { return `${command}:${a}:${this.toggle()}`; }
}
const devices: Device[] = [new Led("l1"), new Motor("m1", 50), new Buzzer(), plain, new Motor("m2", 5), new Relay()];
for (const d of devices) console.log(d.id, d.handle("set", 1, 2, 3, 4), d.handle("reverse", 5, 6, 7, 8, 2));
for (const d of devices) console.log(d.describe());
function broadcast(list: Device[], command: string, ...args: number[]): string[] {
  return list.map((d) => d.handle(command, args[0], args[1], args[2], args[3], args[4]));
}
console.log(broadcast(devices, "nudge", 9, 8, 7, 6).join(" "));
let total = 0;
for (let i = 0; i < 200; i++) for (const d of devices) total += d.handle("tick", i, 1, 0, 0).length;
console.log(total);
