/* Doubles in a tight loop, as bench/programs/mandelbrot.ts: the Mandelbrot set's escape
 * iterations over a 32 x 24 grid (at most 64 each), summed and printed. Built with
 * ../shared/baseline's start-up code, runtime and linker scripts (bench/c-baseline.ts). */
#include "rt.h"

static uint32_t mandelbrot(uint32_t width, uint32_t height, uint32_t limit)
{
    uint32_t total = 0;
    for (uint32_t y = 0; y < height; y++) {
        double ci = (y * 2.5) / height - 1.25;
        for (uint32_t x = 0; x < width; x++) {
            double cr = (x * 3.0) / width - 2.0;
            double zr = 0.0, zi = 0.0;
            uint32_t i = 0;
            while (i < limit && zr * zr + zi * zi <= 4.0) {
                double t = zr * zr - zi * zi + cr;
                zi = 2.0 * zr * zi + ci;
                zr = t;
                i++;
            }
            total += i;
        }
    }
    return total;
}

int main(void)
{
    uint32_t width = 32, height = 24, limit = 64;
    OPAQUE(width);
    OPAQUE(height);
    OPAQUE(limit);
    board_init();
    put_u32(mandelbrot(width, height, limit));
    uart_putc('\n');
    return 0;
}
