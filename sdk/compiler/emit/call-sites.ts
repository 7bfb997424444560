// err.stack's call-site table (lower/error-stacks.ts), made once the linker knows which
// functions the image keeps and in what order: for each return address of a call in the
// program's own code that can be on the stack when an error is made (a call of one of its
// functions, a value call, the capture itself), the frame size of the function making the
// call, the name V8 gives that function and the call's position. The port's walk
// (ports/armv6m/rt/stack-capture.ts) searches the addresses; sdk/lib/rt/stack-trace.ts, which
// writes the frames as text, documents the layout.
//
// The table replaces a placeholder chunk, so it exists only in images that link the walk or the
// frame printer. Its entries are sorted by address without knowing the addresses: the linker
// places .text chunks in list order, and a function's calls are sorted by offset.

import type { SourcePos } from "../asm/types.ts";
import type { Chunk } from "../link/types.ts";
import { STACK_CAPTURE } from "../port.ts";

const WORD = 4;
const INFO_BYTES = 8;
const HIDDEN = 0xffff;
const STOP = 0xfffe;
/** Flags in the name's halfword (sdk/lib/rt/stack-trace.ts) and in the line's. */
const BY_CALLER = 0x8000;
const RESUMED = 0x4000;
const NAME_OFFSET_MAX = 0x3ffd;
const MEMBER_CALL = 0x8000;
const LINE_MAX = 0x7fff;
const U16_MAX = 0xffff;

/** The placeholder, referenced by the walk and the printer, linked only with them. */
export function callSitesPlaceholder(): Chunk {
  return { name: STACK_CAPTURE.callSites, section: ".rodata", bytes: new Uint8Array(WORD), size: WORD, align: WORD, relocs: [], kind: "object", module: "rt:call-sites" };
}

/** `linked` with the placeholder (if kept) replaced by the table of its functions' calls. */
export function withCallSites(linked: Chunk[]): Chunk[] {
  const at = linked.findIndex((c) => c.name === STACK_CAPTURE.callSites);
  if (at < 0) return linked;
  const program = new Set(linked.filter((c) => c.stackFrames).map((c) => c.name));
  const walks = linked.some((c) => c.name === STACK_CAPTURE.routine);
  const sites: Array<{ chunk: Chunk & Required<Pick<Chunk, "stackFrames">>; returnOffset: number; pos: SourcePos }> = [];
  for (const chunk of walks ? linked : []) {
    if (chunk.section !== ".text" || !chunk.stackFrames) continue;
    const calls = chunk.stackFrames.calls
      .filter((c) => c.callee === undefined || c.callee === STACK_CAPTURE.routine || program.has(c.callee))
      .sort((x, y) => x.returnOffset - y.returnOffset);
    for (const call of calls) sites.push({ chunk: { ...chunk, stackFrames: chunk.stackFrames }, returnOffset: call.returnOffset, pos: call.pos });
  }
  const names: number[] = [];
  const nameOffsets = new Map<string, number>();
  const nameOffset = (name: string, file: string): number => {
    const key = `${name}\n${file}`;
    let offset = nameOffsets.get(key);
    if (offset === undefined) {
      offset = names.length;
      for (const text of [name, file]) {
        const bytes = [...text.slice(0, 255)].map((c) => c.charCodeAt(0) & 0xff);
        names.push(bytes.length, ...bytes);
      }
      if (offset > NAME_OFFSET_MAX) throw new Error("internal error: err.stack's call-site table has more than 16 KB of names");
      nameOffsets.set(key, offset);
    }
    return offset;
  };
  const count = sites.length;
  const nameOf = sites.map(({ chunk: { stackFrames: { frame } } }) =>
    frame.kind === "hidden" ? HIDDEN : frame.kind === "stop" ? STOP
      : nameOffset(frame.name, frame.file) | (frame.byCaller ? BY_CALLER : 0) | (frame.resumed ? RESUMED : 0));
  const size = WORD + (WORD + INFO_BYTES) * count + names.length;
  const bytes = new Uint8Array(size);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, count, true);
  const relocs: Chunk["relocs"] = [];
  sites.forEach((site, i) => {
    const frameBytes = site.chunk.stackFrames!.frameBytes;
    relocs.push({ offset: WORD + WORD * i, kind: "abs32", symbol: site.chunk.name, addend: site.returnOffset + 1 });
    const info = WORD + WORD * count + INFO_BYTES * i;
    if (frameBytes > U16_MAX) throw new Error(`internal error: the frame of ${site.chunk.name} is too large for err.stack's table`);
    view.setUint16(info, frameBytes, true);
    view.setUint16(info + 2, nameOf[i], true);
    view.setUint16(info + 4, Math.min(site.pos.line, LINE_MAX) | (site.pos.memberCall ? MEMBER_CALL : 0), true);
    view.setUint16(info + 6, Math.min(site.pos.column, U16_MAX), true);
  });
  bytes.set(names, WORD + (WORD + INFO_BYTES) * count);
  const table: Chunk = { ...linked[at], bytes, size, relocs };
  return [...linked.slice(0, at), table, ...linked.slice(at + 1)];
}
