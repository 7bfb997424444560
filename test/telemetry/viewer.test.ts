// The live plot on a terminal: drawn in place on the alternate screen as readings arrive,
// mote's messages under the charts (stderr would be drawn over), the last charts left on the
// normal screen at the end. A real subscription on aedes; the terminal is a recording stand-in.

import { afterEach, describe, expect, it } from "vitest";
import { startBroker } from "../../flash-tool/telemetry/broker.ts";
import { subscribeTelemetry } from "../../flash-tool/telemetry/consumer.ts";
import { TelemetryViewer } from "../../flash-tool/telemetry/viewer.ts";
import { FakeDevice } from "./helpers.ts";

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

class RecordingTerminal {
  readonly isTTY = true;
  readonly columns = 60;
  readonly rows = 30;
  text = "";
  private waiting: Array<() => void> = [];
  write(chunk: string): void {
    this.text += chunk;
    for (const check of this.waiting.splice(0)) check();
  }
  until(test: (text: string) => boolean): Promise<void> {
    return new Promise((resolve) => {
      const check = () => (test(this.text) ? resolve() : this.waiting.push(check));
      check();
    });
  }
}

describe("TelemetryViewer --plot on a terminal", () => {
  it("redraws in place and leaves the last charts on the screen", async () => {
    const broker = await startBroker({ port: 0 });
    cleanups.push(() => broker.close());
    const telemetry = subscribeTelemetry(broker.url);
    cleanups.push(() => telemetry.close());
    const terminal = new RecordingTerminal();
    const errors: string[] = [];
    const viewer = new TelemetryViewer(telemetry, { mode: "plot", out: terminal, err: (text) => errors.push(text) });
    await telemetry.whenConnected();
    const device = await FakeDevice.connect(broker.url, "pico-1");
    cleanups.push(() => device.close());

    await device.reading("env", { seq: 0, boot: 1, t: 0 }, { temperature: 20, humidity: 50 }, true);
    await terminal.until((text) => text.includes("pico-1 env"));
    await device.reading("env", { seq: 1, boot: 1, t: 1 }, { temperature: 25, humidity: 45 }, true);
    await device.reading("env", { seq: 1, boot: 1, t: 1 }, { temperature: 25, humidity: 45 }, true); // a copy
    await terminal.until((text) => text.includes("arrived again"));
    viewer.finish();

    expect(terminal.text.startsWith("\x1b[?1049h")).toBe(true); // the alternate screen
    const frames = terminal.text.split("\x1b[H").slice(1);
    expect(frames.length).toBeGreaterThanOrEqual(2);
    // Both series in one chart, in colour, each line ending with clear-to-end-of-line.
    // The title would not fit 60 columns with the range: it is left out rather than wrapped.
    expect(frames.at(-1)).toMatch(/^pico-1 env {2}now \x1b\[36mtemperature 25\x1b\[0m {2}\x1b\[32mhumidity 45\x1b\[0m\x1b\[K\n/);
    // mote's messages under the charts, cut to the terminal's width.
    expect(frames.at(-1)).toContain("\nmote: pico-1 env boot 1 seq 1 arrived again; dropped the cop\x1b[K");
    // Back on the normal screen, the final charts stay.
    const end = terminal.text.lastIndexOf("\x1b[?25h\x1b[?1049l");
    expect(end).toBeGreaterThan(0);
    expect(terminal.text.slice(end)).toMatch(/^\x1b\[\?25h\x1b\[\?1049lpico-1 env {2}now .*\n50\.0\S*┼/);
    // Messages went under the charts, not to stderr; stderr only has the counts at the end.
    expect(errors).toEqual(["mote: 2 readings, 0 statuses, 1 copy dropped, 0 out of order, 0 missing, 0 bad payloads\n"]);
  }, 20_000);
});
