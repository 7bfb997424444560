// An exception nobody catches ends the program as in Node: what was printed stays, then the
// error and exit status 1; finally blocks on the way still run.
function check(level: number): void {
  try {
    if (level > 2) {
      throw new RangeError("level " + level + " is too high"); //! throws RangeError
    }
    console.log("level", level, "ok");
  } finally {
    console.log("checked", level);
  }
}
check(1);
check(5);
console.log("never printed");
