// Reflect looks properties up by name at run time.
const values: number[] = [1, 2, 3];
console.log(Reflect.has(values, "length")); //! MOTE1005 "'Reflect'" at Reflect.has
