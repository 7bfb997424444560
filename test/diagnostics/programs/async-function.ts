// async functions need promises and a scheduler; not on devices yet.
async function fetchReading(): Promise<number> { //! MOTE1001 "async functions" at async function
  return 42;
}
fetchReading();
