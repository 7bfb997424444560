// An async generator would need promises for each step; devices have plain generators only.
async function* ticks(limit: number): AsyncGenerator<number> { //! MOTE1007 "async generators" at async function*
  for (let i = 0; i < limit; i++) yield i;
}
ticks(3).next().then((r) => console.log(r.value));
