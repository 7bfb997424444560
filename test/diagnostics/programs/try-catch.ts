// Exceptions cannot be caught on devices yet: an error stops the program with a crash report.
function risky(n: number): number {
  return n * 2;
}
try { //! MOTE1001 "try statement" at try
  console.log(risky(21));
} catch (error) {
  console.log("failed");
}
