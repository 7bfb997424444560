// A rejection nobody handles ends the program as in Node: the microtasks of that turn still
// run, then the error and exit status 1 (the timer never fires); a rejection handled in the
// same turn is not reported. The report names the throw that rejected the promise.
async function calibrate(offset: number): Promise<number> {
  await null;
  if (offset > 10) throw new RangeError("offset " + offset + " is out of range"); //! throws RangeError
  return offset;
}
const handledLater = Promise.reject(new Error("handled in the same turn"));
calibrate(3).then((v) => console.log("calibrated", v));
calibrate(12).then((v) => console.log("never printed", v));
Promise.resolve().then(() => {
  console.log("a microtask of the same turn");
  handledLater.catch((e: Error) => console.log("caught:", e.message));
});
setTimeout(() => console.log("never printed either"), 50);
console.log("started");
