// mote/mqtt end to end: a device app (fixtures/mqtt-over-link.ts) on a simulated board talks
// MQTT through the serial link and the host's bridge (`mote run --broker`) to aedes, and an
// independent client (the `mqtt` npm package) sees its messages and sends it a command.

import mqtt from "mqtt";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAppStreaming } from "../../sdk/cli/run-app.ts";
import { qemuAvailable } from "../../sdk/sim/index.ts";
import { startAedes, type TestBroker } from "../host/brokers.ts";

const fixture = path.join(path.dirname(fileURLToPath(import.meta.url)), "fixtures/mqtt-over-link.ts");
const boards = ["pico"];
if (qemuAvailable()) boards.push("mps2-an385");
else console.warn("NOTICE: qemu-system-arm not found; mote/mqtt over the link runs on pico only");

async function until(check: () => boolean, what: string, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe.each(boards)("mote/mqtt over the serial link on %s", (board) => {
  let broker: TestBroker;
  beforeAll(async () => { broker = await startAedes(); });
  afterAll(async () => { await broker.close(); });

  it("publishes QoS 1 in order through the bridge, receives a command, and ends", async () => {
    const observer = await mqtt.connectAsync(broker.url, { protocolVersion: 4 });
    const seen: string[] = [];
    observer.on("message", (topic, payload) => seen.push(`${topic} ${payload.toString()}`));
    await observer.subscribeAsync("mote-e2e/#", { qos: 1 });
    // Paced to the host's clock, as `mote run` is: the bridge's broker connection takes host
    // time, which a simulator skipping idle time would make look like seconds of silence.
    const out: Buffer[] = [];
    let stderr = "";
    const run = runAppStreaming(fixture, board, {
      broker: broker.url, timeoutMs: 90_000, realTime: true, releaseHeldAfterMs: 50,
      stdout: (bytes) => out.push(Buffer.from(bytes)),
      stderr: (text) => { stderr += text; },
    });
    await until(() => seen.length >= 5, "the device's five messages");
    // The command goes once the device has printed that its subscription was granted.
    await until(() => Buffer.concat(out).toString().includes("subscribed at QoS 1\n"), "the device's subscription");
    await observer.publishAsync("mote-e2e/cmd/stop", "now", { qos: 1 });
    const result = await run;
    expect(result.reason, stderr).toBe("exit");
    expect(seen.slice(0, 5)).toEqual(["0", "1", "2", "3", "4"].map((n) => `mote-e2e/seq ${n}`));
    expect(seen).not.toContain("mote-e2e/status lost");
    const lines = Buffer.concat(out).toString().split("\n");
    expect(lines).toContain("connected");
    expect(lines).toContain("subscribed at QoS 1");
    expect(lines.filter((l) => l.startsWith("acknowledged"))).toEqual(["0", "1", "2", "3", "4"].map((n) => `acknowledged ${n}`));
    expect(lines).toContain("command mote-e2e/cmd/stop 3 bytes");
    await observer.endAsync();
  }, 120_000);
});
