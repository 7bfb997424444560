// What `mote run` says when a digit key has no button behind it on the board.
import { describe, expect, it } from "vitest";
import { findBoard } from "../../boards/index.ts";
import { noSuchButton } from "../../sdk/cli/run-keys.ts";

describe("a key for a button the board lacks", () => {
  it("names the buttons the board has, or says it has none", () => {
    expect(noSuchButton(findBoard("pico"), ["BUTTON"])).toBe("pico has 1 button (1: BUTTON)");
    expect(noSuchButton(findBoard("microbit"), ["BUTTON", "BUTTON_B"])).toBe("microbit has 2 buttons (1: BUTTON, 2: BUTTON_B)");
    expect(noSuchButton(findBoard("mps2-an385"), [])).toBe("mps2-an385 has no buttons");
  });
});
