// How much of a board's RAM is the stack: enough for the recursion ordinary code does (Node
// reaches about 10,000 frames of a small recursive function; a frame here is 12–16 bytes),
// the rest heap. A board may fix its own (Board.stackSize) and an app may choose one
// (`mote build --stack`).

const KB = 1024;
/** Below this much RAM the heap needs what there is: the stack stays small. */
const SMALL_RAM = 64 * KB;
export const MIN_STACK = 4 * KB;
export const MAX_STACK = 1024 * KB;

/** micro:bit (16 KB) and STM32F100 (8 KB): 4 KB; LM3S6965 (64 KB): half, 32 KB, over 2,000
 *  frames; Pico (264 KB): a quarter, 66 KB; STM32F405 (192 KB): 48 KB; MPS2 (4 MB): 1 MB. */
export function defaultStackSize(ramBytes: number): number {
  if (ramBytes < SMALL_RAM) return MIN_STACK;
  const share = ramBytes <= 2 * SMALL_RAM ? ramBytes / 2 : ramBytes / 4;
  return Math.min(MAX_STACK, Math.floor(share / 8) * 8);
}
