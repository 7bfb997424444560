// ** on values known only at run time needs doubles (2 ** -1 is 0.5).
function power(base: number, exponent: number): number {
  return base ** exponent; //! MOTE1015 "operator '**'" at base ** exponent
}
console.log(power(2, 10));
