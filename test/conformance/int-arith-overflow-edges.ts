// Values at and beyond the small-int range (±2^30) and at the int32 limits print and compute exactly.
const smallMax = 0x3fffffff;
const smallMin = -0x40000000;
const max = 2147483647;
const min = -2147483648;
console.log(smallMax, smallMin, max, min);
console.log(smallMax + 1, smallMin - 1, smallMax + smallMax, smallMin + smallMin);
console.log(max - 1, min + 1, max - max, min - min, max + min);
console.log(max - smallMax, min - smallMin, smallMax - max, smallMin - min);
console.log(2147483646 + 1, -2147483647 - 1, 1073741824 + 1073741823);
console.log(0x7fffffff, -0x80000000, 0x40000000, 0x7ffffffe);
console.log(1073741823 * 2 + 1, -1073741824 * 2, 536870912 * 3);
let up = smallMax - 3;
for (let i = 0; i < 6; i++) {
  console.log("up", up);
  up = up + 1;
}
let down = smallMin + 3;
for (let i = 0; i < 6; i++) {
  console.log("down", down);
  down = down - 1;
}
let near = max - 4;
while (near < max) {
  near++;
}
console.log("reached max", near, near === max);
let low = min + 4;
while (low > min) {
  low--;
}
console.log("reached min", low, low === min);
console.log(max > smallMax, min < smallMin, smallMax + 1 > smallMax, smallMin - 1 < smallMin);
console.log(max % 1000, min % 1000, max % 65536, min % 65537);
console.log((max / 7) | 0, (min / 7) | 0, max - (max - 1), min + (max - 5));
const half = 1073741824;
console.log(half + (half - 1), -half - half, half * -2);
