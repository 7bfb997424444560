// `mote run --telemetry`: the app's telemetry, live, beside its console. Without --broker the
// run starts the embedded broker (aedes) on a free port and bridges the device to it; either
// way a subscriber decodes what arrives at the broker and shows each reading and status as a
// line on stderr — what went over the link, through MQTT and back, not a copy taken before.

import { startBroker } from "../../flash-tool/telemetry/broker.ts";
import { LIVE_REORDER_MS, subscribeTelemetry } from "../../flash-tool/telemetry/consumer.ts";
import { formatReading, formatStatus } from "../../flash-tool/telemetry/format.ts";

/** How long the run waits for the subscription before it starts the device. */
const SUBSCRIBE_WAIT_MS = 10_000;

export interface LiveTelemetry {
  /** The broker the device is bridged to. */
  url: string;
  close(): Promise<void>;
}

export async function startLiveTelemetry(options: { broker?: string; device: string; print(line: string): void }): Promise<LiveTelemetry> {
  const broker = options.broker === undefined ? await startBroker({ port: 0 }) : undefined;
  const url = options.broker ?? broker!.url;
  if (broker) options.print(`mote: telemetry: embedded broker on ${url} (also: mote telemetry --broker ${url} --plot)`);
  const subscription = subscribeTelemetry(url, { device: options.device, reorderMs: LIVE_REORDER_MS });
  subscription.on("reading", (reading) => options.print(`[telemetry] ${formatReading(reading)}`));
  subscription.on("status", (status) => options.print(`[telemetry] ${formatStatus(status)}`));
  subscription.on("connection", (event) => {
    if (event.state !== "connected") options.print(`mote: telemetry: ${event.url} ${event.state}${event.reason ? `: ${event.reason}` : ""}`);
  });
  // Subscribed before the device boots, so its first readings are seen; a broker that does
  // not answer in time holds the run back no longer (the subscription keeps trying).
  let waited: NodeJS.Timeout | undefined;
  await Promise.race([subscription.whenConnected(), new Promise<void>((resolve) => { waited = setTimeout(resolve, SUBSCRIBE_WAIT_MS); })]);
  clearTimeout(waited);
  return {
    url,
    async close() {
      await subscription.close();
      await broker?.close();
    },
  };
}
