// A missing closing parenthesis.
const a = 1;
if (a > 0 { //! TS1005 "')' expected" at {
  console.log(a);
}
