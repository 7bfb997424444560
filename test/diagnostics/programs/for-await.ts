// for await iterates async iterables, which devices do not have yet.
async function main(): Promise<void> {
  for await (const v of [Promise.resolve(1), Promise.resolve(2)]) { //! MOTE1001 "'for await'" at for await
    console.log(v);
  }
}
main();
