// `mote build` from a V8 startup snapshot (node --snapshot-blob): a fresh process starts with
// TypeScript loaded and the standard library and the SDK's sources already parsed and bound,
// which is most of a small app's cold build. mote.js makes the snapshot (a CommonJS bundle of
// this file run with --build-snapshot) and starts `mote build` from it; anything else about
// the CLI is as entry.ts runs it. A source changed since the snapshot is read again (the front
// end's cache checks each file's modification time).

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import v8 from "node:v8";
import { boards, findBoard } from "../../boards/index.ts";
import { build } from "../compiler/index.ts";
import { main } from "./mote.ts";

/** Builds a one-line app for a board of each port, so that everything a build reads is in
 *  the front end's cache when the snapshot is taken. */
function warmUp(): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mote-snapshot-"));
  try {
    const entry = path.join(dir, "app.ts");
    fs.writeFileSync(entry, 'console.log("hello");\n');
    for (const board of [boards[0], findBoard("mps2-an385")]) {
      const result = build({ entry, board, forSimulator: true });
      if (!result.ok) throw new Error(`the snapshot's warm-up build failed for ${board.id}: ${result.diagnostics}`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

warmUp();
v8.startupSnapshot.setDeserializeMainFunction(() => {
  // argv: node, then the command line (no script).
  main(process.argv.slice(1)).then((code) => process.exit(code), (error: unknown) => {
    console.error(error);
    process.exit(1);
  });
});
