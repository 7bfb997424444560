// Promise.all over a Set would need the iteration protocol; devices take arrays.
const pending = new Set([Promise.resolve(1), Promise.resolve(2)]);
Promise.all(pending).then((values) => console.log(values.length)); //! MOTE1013 "Promise.all takes an array" at pending)
