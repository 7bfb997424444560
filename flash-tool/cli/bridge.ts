// `mote bridge --port <tty> --broker <url>`: a device's console on stdout, its MQTT through
// the link frames to a broker (flash-tool/telemetry/bridge.ts). The bridge waits for a port
// that is not there yet and comes back to one that went away (a board unplugged, a
// simulator restarted); the device's own reconnects do the rest.

import { FrameReader } from "../link/index.ts";
import { Bridge } from "../telemetry/bridge.ts";
import { DEFAULT_BAUD, listSerialPorts, openSerialPort } from "../serial/port.ts";
import { parse, UsageError } from "../../sdk/cli/args.ts";

export const BRIDGE_USAGE = `Usage: mote bridge --port <tty> [--broker <url>] [--baud <n>]

Connects a device's MQTT (telemetry) to a broker through its serial port: the device's
console goes to stdout, its MQTT packets (mote's link frames on the same UART) to the
broker, one broker connection per device. The bridge waits for the port, reopens it when
it goes away, and says what it is doing on stderr.

Options:
  -p, --port <tty>     the device's serial port (a simulated board's: mote run --serial-pty)
      --broker <url>   the broker (default: mqtt://127.0.0.1:1883; start one with 'mote broker')
      --baud <n>       line speed (default: ${DEFAULT_BAUD})
  -h, --help           show this help`;

/** How long to wait before trying a port again. */
const RETRY_MS = 1000;

export async function bridgeCommand(args: string[]): Promise<number> {
  const { values } = parse(args, {
    port: { type: "string", short: "p" },
    broker: { type: "string" },
    baud: { type: "string" },
  });
  if (values.help) {
    process.stdout.write(`${BRIDGE_USAGE}\n`);
    return 0;
  }
  if (values.port === undefined) {
    const listing = await listSerialPorts();
    const seen = listing.problem ?? (listing.ports.length === 0
      ? "no serial ports are present"
      : `the serial ports here are:\n${listing.ports.map((p) => `  ${p.path}  ${p.description}`).join("\n")}`);
    throw new UsageError(`'mote bridge' needs the device's port: --port <tty>; ${seen}`);
  }
  const baud = values.baud === undefined ? DEFAULT_BAUD : Number(values.baud);
  if (!Number.isInteger(baud) || baud <= 0) throw new UsageError(`--baud takes a whole number, got '${values.baud}'`);
  const broker = values.broker ?? "mqtt://127.0.0.1:1883";
  const log = (line: string) => process.stderr.write(`mote bridge: ${line}\n`);

  let write: ((bytes: Uint8Array) => void) | undefined;
  const bridge = new Bridge({ broker, toDevice: (bytes) => write?.(bytes), log });
  const reader = new FrameReader((frame) => bridge.receive(frame), (bytes) => process.stdout.write(bytes));
  let announcedWait = false;
  for (;;) {
    let port;
    try {
      port = await openSerialPort(values.port, baud);
    } catch (error) {
      if (!announcedWait) log(`${(error as Error).message}; waiting for it`);
      announcedWait = true;
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
      continue;
    }
    announcedWait = false;
    log(`${values.port} open at ${baud} baud; bridging to ${broker}`);
    write = (bytes) => port.write(bytes);
    bridge.start();
    await new Promise<void>((resolve) => {
      port.on("data", (data: Buffer) => reader.push(data));
      port.on("close", () => resolve());
      port.on("error", () => resolve());
    });
    write = undefined;
    bridge.close();
    log(`${values.port} closed (${reader.frames} frames, ${reader.corrupt} dropped as corrupt); waiting for it again`);
    await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
  }
}
