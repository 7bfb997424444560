// for-of goes through the iterator protocol; use an index loop.
const samples = [3, 1, 4];
let total = 0;
for (const sample of samples) { //! MOTE1001 "for of statement" at for (const sample
  total += sample;
}
console.log(total);
