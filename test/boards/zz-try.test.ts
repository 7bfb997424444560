import { it, expect } from "vitest";
import { findBoard } from "/work/wt-microboot/boards/index.ts";
import { bootOnce, flashFileWith, moteBoot, signedApp } from "/work/wt-microboot/test/boards/boot-images.ts";
it("microbit boot", { timeout: 300000 }, async () => {
  const board = findBoard("microbit");
  const t0 = Date.now();
  const boot = moteBoot("microbit");
  console.log("boot bytes", boot.bytes, Date.now() - t0);
  const v1 = signedApp("microbit", "boot-app.ts", "1.0.0");
  const file = flashFileWith(board, { image: v1 });
  const r = await bootOnce(board, file);
  console.log(JSON.stringify(r.stdout), r.run.reason, r.run.exitCode, r.run.simulatorLog?.slice(-2000), Date.now() - t0);
});
