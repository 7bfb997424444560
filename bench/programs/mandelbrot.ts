// Doubles in a tight loop: the Mandelbrot set's escape iterations over a 32 × 24 grid (at most
// 64 each), summed and printed, as bench/c/mandelbrot.c. The bench divides the instructions
// beyond hello's by the iterations it prints.
function mandelbrot(width: number, height: number, limit: number): number {
  let total = 0;
  for (let y = 0; y < height; y++) {
    const ci = (y * 2.5) / height - 1.25;
    for (let x = 0; x < width; x++) {
      const cr = (x * 3.0) / width - 2.0;
      let zr = 0.0;
      let zi = 0.0;
      let i = 0;
      while (i < limit && zr * zr + zi * zi <= 4.0) {
        const t = zr * zr - zi * zi + cr;
        zi = 2.0 * zr * zi + ci;
        zr = t;
        i++;
      }
      total += i;
    }
  }
  return total;
}

console.log(mandelbrot(32, 24, 64));
