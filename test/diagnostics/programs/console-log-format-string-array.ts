// A format string's %s / %o applied to an array or object is not supported yet.
const values = [1, 2, 3];
console.log("values: %s", values); //! MOTE1013 "with a format string" at values
