// A static method that reads `this` runs without its class when taken as a value: refused.
class Registry {
  static count = 0;
  static next(): number { return ++this.count; }
}
const step = Registry.next; //! MOTE1001 "a static method that uses 'this', taken as a value" at Registry.next
console.log(step());
