// What every command that talks to a device's SMP server over a serial port shares: the
// --port/--baud/--timeout options, the message when no port is given (the ports the system
// sees, or why it cannot list them), and opening the port with an SmpClient on it.

import { UsageError } from "../../sdk/cli/args.ts";
import { DEFAULT_BAUD, listSerialPorts, openSerialPort } from "../serial/port.ts";
import { SmpClient, type DuplexByteStream } from "../smp/index.ts";

export const PORT_OPTIONS = `  -p, --port <tty>       the device's serial port (a simulated board's: mote run --serial-pty)
      --baud <n>         line speed (default: ${DEFAULT_BAUD})
      --timeout <s>      how long to wait for each answer (default: 3; one retry)
  -h, --help             show this help`;

/** The options PORT_OPTIONS describes, for parse(). */
export const PORT_ARGS = {
  port: { type: "string", short: "p" },
  baud: { type: "string" },
  timeout: { type: "string" },
} as const;

export interface PortValues { port?: string; baud?: string; timeout?: string }

/** The UsageError for a command run without --port: it names the ports the system sees, or
 *  says plainly that it cannot list them. */
export async function noPortError(command: string): Promise<UsageError> {
  const listing = await listSerialPorts();
  const seen = listing.problem ?? (listing.ports.length === 0
    ? "no serial ports are present"
    : `the serial ports here are:\n${listing.ports.map((p) => `  ${p.path}  ${p.description}`).join("\n")}`);
  return new UsageError(`'mote ${command}' needs the device's port: --port <tty>; ${seen}`);
}

export interface DeviceConnection {
  client: SmpClient;
  port: string;
  /** The open port, for another client on it (e.g. one with a shorter timeout). */
  stream: DuplexByteStream;
  close(): Promise<void>;
}

/** The line speed and answer timeout from the options (UsageError when malformed). */
export function portSettings(values: PortValues): { baud: number; timeoutMs: number } {
  const baud = values.baud === undefined ? DEFAULT_BAUD : Number(values.baud);
  if (!Number.isInteger(baud) || baud <= 0) throw new UsageError(`--baud takes a whole number, got '${values.baud}'`);
  const timeoutS = values.timeout === undefined ? 3 : Number(values.timeout);
  if (!(timeoutS > 0)) throw new UsageError(`--timeout takes a number of seconds above 0, got '${values.timeout}'`);
  return { baud, timeoutMs: timeoutS * 1000 };
}

/** Opens `values.port` with a client on it; rejects with a readable Error when it cannot. */
export async function connect(command: string, values: PortValues): Promise<DeviceConnection> {
  if (values.port === undefined) throw await noPortError(command);
  const { baud, timeoutMs } = portSettings(values);
  const port = await openSerialPort(values.port, baud);
  const client = new SmpClient(port, { timeoutMs, retries: 1, deviceName: values.port });
  return {
    client, port: values.port, stream: port,
    close: async () => {
      client.close();
      await new Promise((resolve) => port.close(resolve));
    },
  };
}

/**
 * Opens the port, runs `body` with the device, closes the port. A port that cannot be opened,
 * and the failures `reported` accepts, become `mote: <message>` with exit status 1; a missing
 * --port is a UsageError.
 */
export async function withDevice(command: string, values: PortValues, body: (device: DeviceConnection) => Promise<number>, reported: (error: unknown) => boolean): Promise<number> {
  let device: DeviceConnection;
  try {
    device = await connect(command, values);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    process.stderr.write(`mote: ${(error as Error).message}\n`);
    return 1;
  }
  try {
    return await body(device);
  } catch (error) {
    if (!reported(error)) throw error;
    process.stderr.write(`mote: ${(error as Error).message}\n`);
    return 1;
  } finally {
    await device.close();
  }
}
