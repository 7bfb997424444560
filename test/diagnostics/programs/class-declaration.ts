// Classes need objects with methods; not on devices yet.
class Counter { //! MOTE1001 "class declaration" at class Counter
  count = 0;
  increment(): number {
    return ++this.count;
  }
}
console.log(new Counter().increment());
