// Promise.any needs AggregateError, which devices do not have yet.
const first = Promise.any([Promise.reject(new Error("no")), Promise.resolve(1)]); //! MOTE1013 "Promise.any is not supported" at Promise.any
first.then((v) => console.log(v));
