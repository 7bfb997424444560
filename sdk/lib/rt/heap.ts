// The heap: a non-moving mark-sweep collector over the RAM between .bss and the stack.
//
// Layout, from __heap_start: a start bitmap (one bit per 8-byte granule, set where an
// allocated block begins), the mark stack, then the blocks. Every block starts 8-aligned
// with a header word, size | flags; the object is the next word (so objects are 4-aligned
// and never 8-aligned, which a stray even number rarely is). Blocks are handed out from a
// free list (first fit, split) or by bumping into never-used space.
//
// Roots: the globals (.data) and the stack, scanned conservatively (a word that is the
// address of an allocated object keeps it alive, whether it is a pointer value or an
// address held as a number, as runtime code does between alloc and objectAt), plus the
// callee-saved registers, which the port's collectGarbage pushes before calling in.
// Blocks allocated with `scan` (arrays and their element stores) are traced word by word;
// strings and boxed numbers hold no references.

import { BARE, panic, peek16, peek32, peek8, poke32, poke8, symbolAddress } from "mote/intrinsics";
import { HEAP_BLOCK_HEADER, HEAP_GRANULE, HEAP_MARK_STACK_ENTRIES } from "./layout.ts";
import { PANIC_OUT_OF_MEMORY } from "./panic-codes.ts";
import { collectGarbage, zeroBytes } from "./port.ts";

const GRANULE = HEAP_GRANULE;
const HEADER = HEAP_BLOCK_HEADER;
const MARKED = 1;
const SCAN = 2;
const FREE = 4;
const FLAGS = 7;
/** Blocks waiting to be traced; on overflow the heap is rescanned until nothing is left. */
const MARK_STACK_ENTRIES = HEAP_MARK_STACK_ENTRIES;
/** The smallest block worth splitting off: a header and a free-list link. */
const MIN_BLOCK = 16;

let blocksStart = 0;
let bump = 0;
let limit = 0;
let bitmap = 0;
let markStack = 0;
let markTop = 0;
let markOverflow = false;
let freeList = 0;
/** Bitmap bytes below this granule index are known to be clear. */
let clearedGranules = 0;
let collections = 0;
/** The highest the bump pointer has been: the heap RAM the program has needed so far. */
let peakBump = 0;

function setup(): void {
  const low = symbolAddress("__heap_start");
  const high = symbolAddress("__heap_end") & ~(GRANULE - 1);
  const granules = (high - low) >> 3;
  bitmap = low;
  markStack = (low + ((granules + 7) >> 3) + 3) & ~3;
  blocksStart = (markStack + 4 * MARK_STACK_ENTRIES + GRANULE - 1) & ~(GRANULE - 1);
  bump = blocksStart;
  limit = high;
  clearedGranules = 0;
}

function granuleOf(block: number): number {
  return (block - blocksStart) >> 3;
}

function setStart(block: number): void {
  const g = granuleOf(block);
  poke8(bitmap + (g >> 3), peek8(bitmap + (g >> 3)) | (1 << (g & 7)));
}

function isStart(block: number): boolean {
  const g = granuleOf(block);
  return (peek8(bitmap + (g >> 3)) & (1 << (g & 7))) !== 0;
}

/** First fit from the free list, splitting off what is left over. */
function takeFree(size: number): number {
  let previous = 0;
  for (let block = freeList; block !== 0; block = peek32(block + HEADER)) {
    const available = peek32(block) & ~FLAGS;
    if (available >= size) {
      let next = peek32(block + HEADER);
      let taken = available;
      if (available - size >= MIN_BLOCK) {
        const rest = block + size;
        poke32(rest, (available - size) | FREE);
        poke32(rest + HEADER, next);
        next = rest;
        taken = size;
      }
      if (previous === 0) freeList = next; else poke32(previous + HEADER, next);
      poke32(block, taken);
      return block;
    }
    previous = block;
  }
  return 0;
}

function takeFresh(size: number): number {
  if (bump + size > limit) return 0;
  const block = bump;
  bump = block + size;
  if (bump > peakBump) peakBump = bump;
  poke32(block, size);
  // The bitmap of never-used space may hold anything (RAM is not cleared at reset).
  const needed = (granuleOf(bump) + 7) >> 3;
  for (let i = clearedGranules; i < needed; i++) poke8(bitmap + i, 0);
  if (needed > clearedGranules) clearedGranules = needed;
  return block;
}

function allocate(bytes: number, flags: number): number {
  if (BARE) return bareAllocate(bytes);
  if (limit === 0) setup();
  const size = (bytes + HEADER + GRANULE - 1) & ~(GRANULE - 1);
  let block = takeFree(size);
  if (block === 0) block = takeFresh(size);
  if (block === 0) {
    collectGarbage();
    block = takeFree(size);
    if (block === 0) block = takeFresh(size);
    if (block === 0) panic(PANIC_OUT_OF_MEMORY);
  }
  poke32(block, peek32(block) | flags);
  setStart(block);
  return block + HEADER;
}

/** The bare profile's heap (build's `profile: "bare"`): only start-up code allocates (the
 *  compiler checks it, passes/bare-profile.ts), so blocks are bumped out of the heap and never
 *  freed: no headers, no bitmap, no collector linked. */
function bareAllocate(bytes: number): number {
  if (limit === 0) {
    bump = symbolAddress("__heap_start");
    limit = symbolAddress("__heap_end");
  }
  const block = bump;
  const size = (bytes + 3) & ~3;
  if (block + size > limit) panic(PANIC_OUT_OF_MEMORY);
  bump = block + size;
  return block;
}

/** Like allocTraced, for an object whose spare room the caller reads back with objectEnd
 *  (arrays keep their capacity so): in the bare profile too, the block has its size word. */
export function allocSized(bytes: number): number {
  if (BARE) return bareAllocateSized(bytes);
  return allocate(bytes, SCAN);
}

function bareAllocateSized(bytes: number): number {
  const block = bareAllocate(bytes + HEADER);
  poke32(block, (bytes + HEADER + 3) & ~3);
  return block + HEADER;
}

/** The heap of a program that allocates a bounded number of times (passes/static-heap.ts
 *  makes alloc and allocTraced call staticAlloc, allocSized staticAllocSized): the bare
 *  profile's bump allocation, no collector linked. */
export function staticAlloc(bytes: number): number {
  return bareAllocate(bytes);
}

export function staticAllocSized(bytes: number): number {
  return bareAllocateSized(bytes);
}

/** The end of the heap block of `object`, which allocSized made (or allocTraced, outside
 *  the bare profile): the object may use the bytes up to there. */
export function objectEnd(object: number): number {
  return object - HEADER + (peek32(object - HEADER) & ~FLAGS);
}

/** Address of `bytes` fresh bytes (not cleared) that hold no references: strings, numbers. */
export function alloc(bytes: number): number {
  return allocate(bytes, 0);
}

/** Address of `bytes` fresh bytes whose words are JavaScript values or object addresses. */
export function allocTraced(bytes: number): number {
  return allocate(bytes, SCAN);
}

/** Bytes the heap can still hand out without collecting. */
export function heapFree(): number {
  if (limit === 0) setup();
  let free = limit - bump;
  for (let block = freeList; block !== 0; block = peek32(block + HEADER)) free += peek32(block) & ~FLAGS;
  return free;
}

/** The most heap the program has used at once (its blocks, with their headers and the
 *  garbage not yet collected), not counting the bitmap and the mark stack. */
export function heapPeak(): number {
  return limit === 0 ? 0 : (BARE ? bump : peakBump) - (BARE ? symbolAddress("__heap_start") : blocksStart);
}

export function heapCollections(): number {
  return collections;
}

/** Called by the port's collectGarbage with the stack pointer after it pushed r4-r7. */
export function collectFrom(stackPointer: number): void {
  collections++;
  markTop = 0;
  markOverflow = false;
  scanWords(symbolAddress("__data_start"), symbolAddress("__data_end"));
  scanWords(stackPointer, symbolAddress("__stack_top"));
  drain();
  while (markOverflow) {
    markOverflow = false;
    for (let block = blocksStart; block < bump; block += peek32(block) & ~FLAGS) {
      const header = peek32(block);
      if ((header & (MARKED | SCAN | FREE)) === (MARKED | SCAN)) scanBlock(block);
    }
    drain();
  }
  sweep();
}

function scanWords(from: number, to: number): void {
  for (let address = from; address < to; address += 4) consider(address);
}

function scanBlock(block: number): void {
  scanWords(block + HEADER, block + (peek32(block) & ~FLAGS));
}

/** Marks the block of an object that the word at `slot` may refer to: as a pointer, or as a
 *  small integer holding an address. The word is read in halves, and only values below 2^30
 *  are formed from them (every heap address is): reading a word as a number could box it, an
 *  allocation in the middle of a collection (raw halves of doubles on the stack look like
 *  anything). */
function consider(slot: number): void {
  const high = peek16(slot + 2);
  const low = peek16(slot);
  let address = 0;
  if ((low & 1) === 1) {
    // A small integer (2n + 1): n, unless it is negative.
    if (high >= 0x8000) return;
    address = high * 0x8000 + (low >> 1);
  } else if ((low & 3) === 0) {
    if (high >= 0x4000) return;
    address = high * 0x10000 + low;
  } else {
    return;
  }
  const block = address - HEADER;
  if (block < blocksStart || block >= bump || (block & (GRANULE - 1)) !== 0 || !isStart(block)) return;
  const header = peek32(block);
  if ((header & (MARKED | FREE)) !== 0) return;
  poke32(block, header | MARKED);
  if ((header & SCAN) === 0) return;
  if (markTop < MARK_STACK_ENTRIES) {
    poke32(markStack + 4 * markTop, block);
    markTop++;
  } else {
    markOverflow = true;
  }
}

function drain(): void {
  while (markTop > 0) {
    markTop--;
    scanBlock(peek32(markStack + 4 * markTop));
  }
}

/** Unmarked blocks become free; runs of free blocks merge; a free run at the end goes back
 *  to the untouched space. */
function sweep(): void {
  freeList = 0;
  // The start bitmap is rebuilt: cleared below the bump pointer at once, then set again for
  // each live block (after a churn of short-lived objects, few), rather than cleared block by
  // block for the dead.
  zeroBytes(bitmap, (granuleOf(bump) + 7) >> 3);
  let run = 0;
  for (let block = blocksStart; block < bump;) {
    const header = peek32(block);
    const size = header & ~FLAGS;
    // Free blocks are never marked (their start bits are clear), so unmarked is dead or free.
    if ((header & MARKED) === 0) {
      if (run === 0) run = block;
    } else {
      poke32(block, header & ~MARKED);
      setStart(block);
      if (run !== 0) {
        release(run, block - run);
        run = 0;
      }
    }
    block += size;
  }
  if (run !== 0) bump = run;
}

function release(block: number, size: number): void {
  poke32(block, size | FREE);
  poke32(block + HEADER, freeList);
  freeList = block;
}
