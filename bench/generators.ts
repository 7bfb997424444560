// Generators' figures (issue 11, item 6): `npx tsx bench/generators.ts` prints, on pico, the
// image size and the instructions per element of a loop over 100 values: for…of over an
// array, for…of over a generator (the frame stepped directly) and next() on a generator (a
// result object per value). Each is the difference of a 101- and a 1-element run over 100, so
// start-up and printing cancel out. Figures only: nothing here is asserted.

import { picoImage as image, picoInstructions as instructions } from "./pico-programs.ts";

const hello = image("hello.ts").image.flashBytes.length;
for (const loop of process.argv.slice(2).length ? process.argv.slice(2) : ["array", "generator", "generator-next"]) {
  const bytes = image(`generators/${loop}-101.ts`).image.flashBytes.length;
  const one = await instructions(`generators/${loop}-1.ts`);
  const many = await instructions(`generators/${loop}-101.ts`);
  console.log(`${loop}: ${bytes} B (hello ${hello} B), ${((many - one) / 100).toFixed(1)} instructions per element`);
}
