// `mote telemetry`: devices' readings and statuses, live, from an MQTT broker (the embedded
// `mote broker` by default, or any mqtt:// URL). The work is in flash-tool/telemetry/:
// consumer.ts subscribes and de-duplicates, viewer.ts shows.

import fs from "node:fs";
import { parse, UsageError } from "../../sdk/cli/args.ts";
import type { LinkedImage } from "../../sdk/compiler/link/types.ts";
import { checkBrokerUrl, DEFAULT_BROKER_URL, LIVE_REORDER_MS, subscribeTelemetry } from "../telemetry/consumer.ts";
import { readElfImage } from "../../sdk/compiler/link/read-elf.ts";
import { TelemetryViewer, type ViewerMode } from "../telemetry/viewer.ts";

export const TELEMETRY_USAGE = `Usage: mote telemetry [options]

Shows devices' telemetry live from an MQTT broker: each reading as a line
  12:00:01.234 pico-1 temperature 23.5  (seq 17)
then status changes and crash reports. A reading delivered twice (an MQTT QoS 1 resend) is
shown once; copies and payloads that cannot be decoded are counted on stderr. When the
broker does not answer, mote says so and keeps retrying. Ctrl-C stops (counts on stderr).

Options:
  -b, --broker <url>  the broker (default: ${DEFAULT_BROKER_URL}, where 'mote broker' listens)
  -d, --device <id>   only this device
  -n, --name <name>   only readings of this name (statuses still show)
      --json          one JSON object per line on stdout, "type": "reading" or "status";
                      mote's own messages stay on stderr
      --plot          line charts of the numeric readings, one per device and name, with a
                      status line per device; redrawn in place on a terminal, drawn once
                      at exit into a pipe or file
      --elf <file>    the ELF the devices run (from mote build): crash reports in statuses
                      become file.ts:line frames
  -c, --count <n>     exit after n readings
  -h, --help          show this help`;

export async function telemetryCommand(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {
    broker: { type: "string", short: "b" },
    device: { type: "string", short: "d" },
    name: { type: "string", short: "n" },
    json: { type: "boolean" },
    plot: { type: "boolean" },
    elf: { type: "string" },
    count: { type: "string", short: "c" },
  });
  if (values.help) {
    process.stdout.write(`${TELEMETRY_USAGE}\n`);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`'mote telemetry' takes no arguments, got: ${positionals.join(" ")} (a broker is given with --broker <url>)`);
  if (values.json && values.plot) throw new UsageError("--json and --plot are two different outputs; choose one");
  const url = values.broker ?? DEFAULT_BROKER_URL;
  let count: number | undefined;
  if (values.count !== undefined) {
    count = Number(values.count);
    if (!/^\d+$/.test(values.count) || count < 1) throw new UsageError(`--count takes a number of readings of 1 or more, got '${values.count}'`);
  }
  try {
    checkBrokerUrl(url);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  let image: LinkedImage | undefined;
  if (values.elf !== undefined) {
    try {
      image = readElfImage(fs.readFileSync(values.elf));
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message;
      process.stderr.write(`mote: cannot read the ELF ${values.elf}: ${reason}\n`);
      return 1;
    }
  }

  let subscription;
  try {
    // Readings in seq order: one after a gap waits up to a second for the missing ones.
    subscription = subscribeTelemetry(url, { device: values.device, name: values.name, reorderMs: LIVE_REORDER_MS });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const mode: ViewerMode = values.json ? "json" : values.plot ? "plot" : "lines";
  return new Promise<number>((resolve) => {
    const viewer = new TelemetryViewer(subscription, {
      mode,
      out: process.stdout,
      err: (text) => process.stderr.write(text),
      image,
      count,
      onCount: () => {
        viewer.finish();
        void subscription.close().then(() => resolve(0));
      },
    });
    // Ctrl-C (mote.ts exits on signals): the last plot and the counts still get out.
    process.on("exit", () => viewer.finish());
  });
}
