// Module variables declared without an initializer (`let cache: T | undefined;`) in an imported
// module are undefined once the module has run, even after a class that creates instances.
import { Reading, cached, cacheHits } from "./modules/lazy-cache.ts";

const first = new Reading(2).scaled(3);
console.log(first.value);
for (const v of [5, 5, 7, 7, 7, 5]) {
  console.log(v, cached(v).value, cacheHits());
}
let late: number | undefined;
function readLate(): string {
  return late === undefined ? "unset" : `set to ${late}`;
}
console.log(readLate());
late = 42;
console.log(readLate());
const doubled = [1, 2, 3].map((x) => cached(x).scaled(2).value);
console.log(doubled, cacheHits());
