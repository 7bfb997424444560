// Array methods that take a callback need closures, which devices do not have yet.
const values = [3, 1, 2];
console.log(values.join(), values.sort().join()); //! MOTE1013 "the array method 'sort'" at values.sort(
