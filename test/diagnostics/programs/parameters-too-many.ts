// A function declares at most 32 parameters on devices (its frame addresses them with immediate offsets).
const wide = (a0: number, a1: number, a2: number, a3: number, a4: number, a5: number, a6: number, a7: number,
  a8: number, a9: number, a10: number, a11: number, a12: number, a13: number, a14: number, a15: number,
  a16: number, a17: number, a18: number, a19: number, a20: number, a21: number, a22: number, a23: number,
  a24: number, a25: number, a26: number, a27: number, a28: number, a29: number, a30: number, a31: number,
  a32: number) => a0 + a32; //! MOTE1001 "functions take at most 32 parameters on devices" at a32: number
console.log(wide(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32));
