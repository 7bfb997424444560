// 2**40 does not fit an int32.
let bytesOnDisk = 1099511627776; //! MOTE2001 "the number 1099511627776" at 1099511627776
console.log(bytesOnDisk);
