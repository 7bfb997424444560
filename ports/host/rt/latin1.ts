// sdk/lib/rt/latin1.ts on Node.

/** The string whose code units are bytes[from, to). */
export function latin1String(bytes: Uint8Array, from: number, to: number): string {
  let text = "";
  // In chunks: String.fromCharCode takes its codes as arguments.
  for (let at = from; at < to; at += 4096) text += String.fromCharCode(...bytes.subarray(at, Math.min(to, at + 4096)));
  return text;
}
