// sdk/lib/rt/heap.ts on Node: V8 collects; free is what V8 would still grow to.

import { getHeapStatistics } from "node:v8";

export function heapFree(): number {
  const heap = getHeapStatistics();
  return heap.heap_size_limit - heap.used_heap_size;
}

/** The most memory the program has held: on Node, the process's peak resident set (V8 keeps
 *  no peak of its heap), so it includes Node itself (device.heapPeak). */
export function heapPeak(): number {
  return process.resourceUsage().maxRSS * 1024;
}
