// console.log of typed arrays as Node prints them: Name(n) [ … ], empty ones, signed and
// unsigned elements, column grouping and the 100-element limit, nested in arrays and objects.
const a = new Uint8Array(3);
a[0] = 1; a[1] = 200; a[2] = 255;
console.log(a, new Int8Array(0), new Int16Array(8));
const b = new Int8Array(4);
b[0] = -128; b[1] = 127; b[2] = -1;
console.log(b, [b]);
const c = new Uint16Array(120);
for (let i = 0; i < c.length; i++) c[i] = i * 500;
console.log(c);
const d = new Int32Array(7);
for (let i = 0; i < d.length; i++) d[i] = 100 - i * 100000;
console.log({ d }, [[[d]]]);
const bytes = new Uint8Array(10);
for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 37) & 0xff;
console.log("frame", bytes, bytes.length);
