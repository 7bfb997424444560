// for-in enumerates property names at run time.
const samples = [3, 1, 4];
for (const index in samples) { //! MOTE1001 "for in statement" at for (const index
  console.log(index);
}
