// Properties read and written through an interface type: a class's getter and setter, a
// field, a plain object's property, and an optional property a class does not have.
interface Named { readonly name: string; level: number; note?: string; }
class A implements Named {
  private _level = 1;
  get name(): string { return "a" + this._level; }
  get level(): number { return this._level; }
  set level(v: number) { this._level = v * 10; }
}
class B implements Named { name = "b"; level = 2; note = "has a note"; }
const items: Named[] = [new A(), new B(), { name: "lit", level: 3 }];
for (const n of items) {
  n.level = n.level + 1;
  console.log(n.name, n.level, n.note ?? "no note");
}
