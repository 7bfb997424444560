// A class member's name is fixed text; the one computed name is [Symbol.iterator].
const RUN = "run";
class Task {
  [RUN](): string { //! MOTE1001 "computed member names other than [Symbol.iterator]" at [RUN]
    return "ran";
  }
}
console.log(new Task().run());
