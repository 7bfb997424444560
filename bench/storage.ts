// The key/value storage's figures (issue 10, item 5): `npx tsx bench/storage.ts` prints, on
// pico and mps2-an385, what `storage` adds to an image that already uses `flash`, the
// instructions of a mount, a set and a get of small values (differences of programs doing N
// and 0 of them from the same flash, over N, so that start-up cancels out), of the set that
// compacts a sector full of live records (a set that advances, less a plain set), and the
// flash wear of 1,000 sets of one key (sectors erased). On the pico a sector erase is mostly
// the driver polling the W25Q16JV's 45 ms (bench/flash.ts). Figures only: nothing asserted.

import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { findBoard } from "../boards/index.ts";
import { build } from "../sdk/compiler/index.ts";
import { bootImageOf, targetFor } from "../sdk/sim/index.ts";
import { fullRing, sectorsOf, stringRecord } from "../test/boards/storage-area.ts";

const workDir = mkdtempSync(path.join(tmpdir(), "mote-bench-storage-"));

function image(name: string, source: string, boardId: string) {
  const entry = path.join(workDir, `${name}.ts`);
  writeFileSync(entry, source);
  const built = build({ entry, board: findBoard(boardId), outDir: mkdtempSync(path.join(workDir, "b-")), forSimulator: true });
  if (!built.ok) throw new Error(built.diagnostics);
  return built;
}

/** Instructions of a whole run of `source`, from a flash file holding `flash` (erased if none). */
async function instructions(name: string, source: string, boardId: string, flash?: Buffer): Promise<{ count: number; flash: Buffer }> {
  const board = findBoard(boardId);
  const built = image(name, source, boardId);
  const flashFile = path.join(workDir, `${name}-${boardId}.bin`);
  writeFileSync(flashFile, flash ?? Buffer.alloc(board.chip.flash.length, 0xff));
  const run = await targetFor(board).run({ board, image: bootImageOf(built.image, built.files!.elf), flashFile, countInstructions: true, timeoutMs: 300_000 });
  if (run.reason !== "exit" || run.instructions === undefined) throw new Error(`${name}: ${run.reason} ${run.simulatorLog}`);
  return { count: run.instructions, flash: readFileSync(flashFile) };
}

const N = 32;
/** A set first (the area formatted, its first sector erased), then `body`. */
const program = (body: string) => `import { storage } from "mote";\nstorage.set("key", "value-0");\n${body}\n`;
const sets = (n: number) => program(`for (let i = 1; i <= ${n}; i++) storage.set("key", i % 2 === 0 ? "value-a" : "value-b");`);
const gets = (n: number) => program(`let found = 0;\nfor (let i = 0; i < ${n}; i++) if (storage.get("key") !== undefined) found++;\nif (found !== ${n}) console.log("lost");`);
/** A ring whose oldest sector is all live keys (20 of about 175 bytes): the next record compacts it. */
const fullOldest = (boardId: string) => fullRing(findBoard(boardId), (i) => i < 20 ? stringRecord(`static${i}`, `static ${i} ${"=".repeat(140 + i)}`) : stringRecord("fill", "f".repeat(1000)));

for (const boardId of ["pico", "mps2-an385"]) {
  const withFlash = image("flash-only", `import { flash } from "mote";\nconsole.log(flash.readByte(0));\n`, boardId).image.flashBytes.length;
  const withStorage = image("storage-all", `import { storage, flash } from "mote";\nconsole.log(flash.readByte(0));\nstorage.set("k", "v");\nstorage.set("b", new Uint8Array(2));\nconst v = storage.get("k");\nconsole.log(typeof v === "string" ? v : "bytes");\nif (storage.delete("b")) console.log(storage.list().join(","));\n`, boardId).image.flashBytes.length;
  console.log(`${boardId}: storage (set, get, delete, list) adds ${withStorage - withFlash} B to an image using flash (${withFlash} B → ${withStorage} B)`);

  const base = (await instructions("sets-0", sets(0), boardId)).count;
  const perSet = ((await instructions(`sets-${N}`, sets(N), boardId)).count - base) / N;
  const perGet = ((await instructions(`gets-${N}`, gets(N), boardId)).count - base) / N;
  console.log(`${boardId}: ${Math.round(perSet)} instructions per set, ${Math.round(perGet)} per get (a 3-byte key, 7-byte string values)`);

  const empty = (await instructions("empty", `console.log("x");\n`, boardId)).count;
  const full = fullOldest(boardId);
  const mount = (await instructions("mount-full", `import { storage } from "mote";\nconsole.log(storage.has("x"));\n`, boardId, full)).count;
  // A 100-byte value does not fit in the ring's last sector: the first set advances (an
  // erase, 3.5 KB of live records copied, the oldest retired), the second is a plain set.
  const mounted = `import { storage } from "mote";\nconst pad = "${"p".repeat(100)}";\nconsole.log(storage.has("x"));\n`;
  const oneSet = (await instructions("compact-1", `${mounted}storage.set("key", pad + "a");\n`, boardId, full)).count;
  const twoSets = (await instructions("compact-2", `${mounted}storage.set("key", pad + "a");\nstorage.set("key", pad + "b");\n`, boardId, full)).count;
  const plain = twoSets - oneSet;
  console.log(`${boardId}: mounting a full 64 KB area (76 records, 20 of them live) takes ${mount - empty} instructions`);
  console.log(`${boardId}: compacting a sector of live records (20 of them, 3.5 KB) takes ${oneSet - mount - plain} instructions, one erase included, beyond the set's own ${plain}`);

  const wear = await instructions("wear", program(`for (let i = 1; i <= 1000; i++) storage.set("key", \`value-\${i}\`);`), boardId);
  const opened = Math.max(...sectorsOf(wear.flash, findBoard(boardId)).map((s) => s.sequence));
  console.log(`${boardId}: 1,000 sets of one key (a 3-byte key, 9-byte values) erase ${opened} sectors (${wear.count} instructions)`);
}
