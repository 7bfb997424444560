// A function declared inside another would need a closure for the outer's locals.
function outer(n: number): number {
  function inner(m: number): number { //! MOTE1014 "nested functions" at function inner
    return m * 2;
  }
  return inner(n) + 1;
}
console.log(outer(20));
