// I2C and a sensor on the simulated boards: examples/thermostat reads a TMP105 over the
// board's I2C bus and switches a relay with hysteresis. The test changes the temperature
// from outside while the board runs (the harness's TMP105 model on pico, QMP qom-set on
// QEMU's tmp105) and watches the relay pin and the console.

import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { qemuAvailable, type TargetControl } from "../../sdk/sim/index.ts";
import { boot } from "./boot.ts";

const here = path.dirname(fileURLToPath(import.meta.url));
const thermostat = path.join(here, "../../examples/thermostat/app.ts");

if (!qemuAvailable()) console.warn("NOTICE: qemu-system-arm not found; the thermostat test runs on pico only");

describe("thermostat", () => {
  it("switches the heater off above 22.5 °C and on below 21.5 °C on pico", async () => {
    const relay: Array<{ level: number; timeMs: number }> = [];
    // Readings at 0, 1000, 2000, … ms: 20 °C, then 25 °C from the fourth, 22 °C (inside the
    // band: no change) from the sixth, 18 °C from the seventh.
    const { run, stdout } = await boot(thermostat, "pico", {
      stopAtMs: 6_500,
      sensorInputs: [
        { sensor: "tmp105", value: 20 },
        { sensor: "tmp105", value: 25, atMs: 2_500 },
        { sensor: "tmp105", value: 22, atMs: 4_500 },
        { sensor: "tmp105", value: 18, atMs: 5_500 },
      ],
      onPinChange: (pin, level, timeMs) => { if (pin === "RELAY") relay.push({ level, timeMs: timeMs! }); },
    });
    expect(run.reason, run.simulatorLog).toBe("stopped");
    expect(stdout).toBe([
      "20.00 C", "heater on", "20.00 C", "20.00 C",
      "25.00 C", "heater off", "25.00 C",
      "22.00 C",
      "18.00 C", "heater on", "",
    ].join("\n"));
    expect(relay.map((c) => c.level)).toEqual([1, 0, 1]);
    // Each switch comes with the reading that calls for it: the reading and the console line
    // before it take about a millisecond, and the interval counts from when each run starts.
    [0, 3_000, 6_000].forEach((due, i) => {
      expect(relay[i].timeMs).toBeGreaterThanOrEqual(due);
      expect(relay[i].timeMs).toBeLessThan(due + 2);
    });
  });

  it.skipIf(!qemuAvailable())("switches the heater off above 22.5 °C and on below 21.5 °C on mps2-an385, driven over QMP", async () => {
    // QEMU's guest time cannot be scheduled from outside: the next temperature is set when the
    // console or the relay shows that the app has acted on the last one.
    const lines: string[] = [];
    let partial = "";
    const relay: number[] = [];
    const stop = new AbortController();
    let control: TargetControl | undefined;
    const set = (value: number) => { control!.setSensor("tmp105", value).catch(() => {}); };
    // What to set once the app has printed a line: 25 °C once the heater is on, 22 °C once it
    // is off, 18 °C once 22 °C has been read.
    const next: Array<[string, number]> = [["heater on", 25], ["heater off", 22], ["22.00 C", 18]];
    // The relay (QEMU's trace, on stderr) and the console (stdout) arrive on their own streams:
    // the run ends once both show the third switch.
    let switches = 0;
    const enough = () => { if (relay.length === 3 && switches === 3) stop.abort(); };
    const { run } = await boot(thermostat, "mps2-an385", {
      signal: stop.signal,
      sensorInputs: [{ sensor: "tmp105", value: 20 }],
      onStart: (c) => { control = c; },
      onConsole: (bytes) => {
        const text = partial + Buffer.from(bytes).toString();
        const complete = text.split("\n");
        partial = complete.pop()!;
        for (const line of complete) {
          lines.push(line);
          if (next.length > 0 && line === next[0][0]) set(next.shift()![1]);
          if (line.startsWith("heater")) switches++;
        }
        enough();
      },
      onPinChange: (pin, level) => {
        if (pin !== "RELAY") return;
        relay.push(level);
        enough();
      },
    });
    expect(run.reason, run.simulatorLog).toBe("stopped");
    expect(relay).toEqual([1, 0, 1]);
    // The switches, each right after the reading that calls for it; QEMU runs on between the
    // host's changes, so each temperature is read some number of times.
    expect(lines.filter((l) => l.startsWith("heater"))).toEqual(["heater on", "heater off", "heater on"]);
    expect(lines[lines.indexOf("heater on") - 1]).toBe("20.00 C");
    expect(lines[lines.indexOf("heater off") - 1]).toBe("25.00 C");
    expect(lines[lines.lastIndexOf("heater on") - 1]).toBe("18.00 C");
    expect(lines).toContain("22.00 C");
  });
});
