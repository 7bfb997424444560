// Type errors stop the build before anything is compiled, as with tsc.
let count: number = 0;
count = "ten"; //! TS2322 "Type 'string' is not assignable to type 'number'" at count
console.log(count);
