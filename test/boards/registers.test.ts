// Drivers reach registers through mote/intrinsics: an address or a value that is not a small
// integer (a peripheral at 2^30 and up, a word with bit 31 set) arrives as a boxed number
// when it is known only at run time, and must still reach memory as its 32-bit word.

import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { qemuAvailable } from "../../sdk/sim/index.ts";
import { boot } from "./boot.ts";

const here = path.dirname(fileURLToPath(import.meta.url));

describe.skipIf(!qemuAvailable())("peek32 and poke32", () => {
  it("take run-time addresses and values beyond the small integers (mps2-an385)", async () => {
    const { run, stdout } = await boot(path.join(here, "fixtures/register-access.ts"), "mps2-an385", {});
    expect(run.reason, run.simulatorLog).toBe("exit");
    expect(stdout).toBe("bauddiv 1234\nword -2147483643 true\nminus one -1 true\n");
  });
});
