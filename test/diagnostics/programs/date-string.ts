// Dates are made from numbers on a device: a date string is not parsed.
const d = new Date("2024-01-31T00:00:00Z"); //! MOTE1013 "new Date() takes numbers on devices" at "2024-01-31T00:00:00Z"
console.log(d.getTime());
