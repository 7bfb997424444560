// `mote/intrinsics` on Node: there is no memory to peek at. The one address sdk/lib's API
// asks for is the heap's extent (device.heapUsed), which is V8's here.

import { getHeapStatistics } from "node:v8";

export function symbolAddress(name: string): number {
  if (name === "__heap_start") return 0;
  if (name === "__heap_end") return getHeapStatistics().heap_size_limit;
  throw new Error(`mote/intrinsics: the host port has no symbol '${name}'`);
}
