// `mote run`'s keys on a terminal: what a digit key with no button behind it says, and how
// + and - move a simulated sensor (the control is a stand-in: the simulators' setSensor is
// tested in test/boards/thermostat.test.ts).
import { describe, expect, it } from "vitest";
import { findBoard } from "../../boards/index.ts";
import { noSuchButton } from "../../sdk/cli/run-keys.ts";
import { SensorKeys } from "../../sdk/cli/sensor-settings.ts";
import type { TargetControl } from "../../sdk/sim/types.ts";

describe("a key for a button the board lacks", () => {
  it("names the buttons the board has, or says it has none", () => {
    expect(noSuchButton(findBoard("pico"), ["BUTTON"])).toBe("pico has 1 button (1: BUTTON)");
    expect(noSuchButton(findBoard("microbit"), ["BUTTON", "BUTTON_B"])).toBe("microbit has 2 buttons (1: BUTTON, 2: BUTTON_B)");
    expect(noSuchButton(findBoard("mps2-an385"), [])).toBe("mps2-an385 has no buttons");
  });
});

describe("the + and - keys", () => {
  it("move the board's sensor a step of its resolution from the --set value, within its range", () => {
    const set: Array<[string, number]> = [];
    const control: TargetControl = { setPin: () => {}, setSensor: async (sensor, value) => { set.push([sensor, value]); } };
    const keys = new SensorKeys(findBoard("pico"), [{ sensor: "tmp105", value: 127.5 }]);
    expect(keys.label).toBe("tmp105 127.5 °C");
    expect(keys.press("+", control, () => {})).toBe(true); // 128 is past the part's range: no change
    expect(keys.press("-", control, () => {})).toBe(true);
    expect(keys.press("=", control, () => {})).toBe(true); // + without shift
    expect(keys.press("x", control, () => {})).toBe(false);
    expect(set).toEqual([["tmp105", 127], ["tmp105", 127.5]]);
    expect(keys.label).toBe("tmp105 127.5 °C");
  });

  it("are not taken on a board without a simulated sensor", () => {
    const keys = new SensorKeys(findBoard("microbit"), []);
    expect(keys.label).toBeUndefined();
    expect(keys.press("+", { setPin: () => {}, setSensor: async () => {} }, () => {})).toBe(false);
  });
});
