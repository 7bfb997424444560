// sdk/lib/rt/latin1.ts on Node.

/** The string whose code units are bytes[from, to). */
export function latin1String(bytes: Uint8Array, from: number, to: number): string {
  let text = "";
  // In chunks: String.fromCharCode takes its codes as arguments.
  for (let at = from; at < to; at += 4096) text += String.fromCharCode(...bytes.subarray(at, Math.min(to, at + 4096)));
  return text;
}

/** Copies s's code units into bytes from `at` if they are all ASCII, and says whether they were. */
export function copyAscii(s: string, bytes: Uint8Array, at: number): boolean {
  for (let i = 0; i < s.length; i++) {
    const unit = s.charCodeAt(i);
    if (unit >= 0x80) return false;
    bytes[at + i] = unit;
  }
  return true;
}
