// for…of over a generator of 1 values (the iteration protocol, stepping the frame).
function* range(n: number) {
  for (let i = 0; i < n; i++) yield i;
}
let sum = 0;
for (const x of range(1)) sum += x;
console.log(sum);
