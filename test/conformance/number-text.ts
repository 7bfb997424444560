// Numbers, booleans and nullish values turned into text by templates and +: a small integer
// the compiler proves so is printed by the small-integer printer, anything else as Node prints
// it (a typed array read past its end is undefined, a proven range notwithstanding).
const bytes = new Uint8Array(4);
bytes[1] = 200;
for (let i = 0; i < 6; i++) {
  const line = `byte ${i}: ${bytes[i]}`;
  console.log(line);
  console.log("again " + bytes[i] + " at " + i);
}
let flag: boolean | undefined = undefined;
console.log(`flag ${flag}`);
flag = true;
console.log("flag " + flag);
const none: string | null = null;
console.log(`none ${none}`);
const half = 7 / 2;
console.log(`half ${half}, twice ${half * 2}, big ${2 ** 40}, tiny ${1 / 3}`);
let total = 0;
for (let i = 0; i < 100000; i += 7) total += i;
console.log(`total ${total}`);
