// BigInt needs arbitrary-precision arithmetic; device numbers are int32 for now.
const large = 9007199254740993n; //! MOTE1009 "BigInt" at 9007199254740993n
console.log(large.toString());
