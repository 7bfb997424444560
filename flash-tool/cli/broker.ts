// `mote broker`: the embedded MQTT broker (aedes) in the foreground, for devices, bridges and
// `mote telemetry` on this machine. It logs clients and subscriptions on stderr.

import { parse, UsageError } from "../../sdk/cli/args.ts";
import { MQTT_PORT, startBroker } from "../telemetry/broker.ts";

export const BROKER_USAGE = `Usage: mote broker [options]

Runs an MQTT 3.1.1 broker (aedes, in this process) until Ctrl-C: the default broker of
'mote telemetry' and 'mote bridge'. Clients connecting and disconnecting and their
subscriptions are logged on stderr. Any other broker (Mosquitto, EMQX) works as well: give
the tools its URL.

Options:
  -p, --port <n>     TCP port (default: ${MQTT_PORT}; 0 picks a free one, printed at start)
      --host <addr>  interface to listen on (default: 127.0.0.1, this machine only;
                     0.0.0.0 for every interface)
  -h, --help         show this help`;

export async function brokerCommand(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {
    port: { type: "string", short: "p" },
    host: { type: "string" },
  });
  if (values.help) {
    process.stdout.write(`${BROKER_USAGE}\n`);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`'mote broker' takes no arguments, got: ${positionals.join(" ")}`);
  const port = values.port === undefined ? MQTT_PORT : portNumber(values.port);
  const log = (line: string) => process.stderr.write(`${new Date().toISOString().slice(11, 23)} ${line}\n`);
  let broker;
  try {
    broker = await startBroker({ port, host: values.host, log });
  } catch (error) {
    process.stderr.write(`mote: ${(error as Error).message}\n`);
    return 1;
  }
  process.stderr.write(`mote: broker listening on ${broker.url} (Ctrl-C stops it)\n`);
  // Runs until a signal ends the process (mote.ts handles SIGINT/SIGTERM).
  return new Promise<number>(() => {});
}

/** A TCP port from the command line, or a UsageError. */
export function portNumber(text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) throw new UsageError(`--port takes a TCP port number from 0 to 65535, got '${text}'`);
  return port;
}
