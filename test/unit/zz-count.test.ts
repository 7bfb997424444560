import { it } from "vitest";
import { boot } from "../boards/boot.ts";
it("count", async () => {
  for (const board of ["pico"]) for (const f of (process.env.FILES ?? "").split(",")) {
    const { run, stdout } = await boot(`/tmp/cb/size/${f}.ts`, board, { countInstructions: true });
    console.log("COUNT", board, f, run.instructions, stdout.trim());
  }
});
