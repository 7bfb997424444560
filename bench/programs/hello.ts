// Smallest useful program: one line on the console. Target: image ≤ 1 KB.
console.log("hello");
