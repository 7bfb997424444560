// Serial ports through @serialport/stream and its prebuilt native bindings: a board's USB
// serial port, or a simulated board's pseudo-terminal (`mote run --serial-pty`), opened the
// same way. Failures become messages that say what to do, never stack traces.

import { autoDetect } from "@serialport/bindings-cpp";
import { SerialPortStream } from "@serialport/stream";

export const DEFAULT_BAUD = 115200;

/** Opens `path` at `baudRate`; rejects with a readable Error when it cannot. */
export function openSerialPort(path: string, baudRate: number = DEFAULT_BAUD): Promise<SerialPortStream> {
  return new Promise((resolve, reject) => {
    const port = new SerialPortStream({ binding: autoDetect(), path, baudRate, autoOpen: false });
    port.open((error) => {
      if (error) reject(new Error(portError(path, error)));
      else resolve(port);
    });
  });
}

/** What went wrong opening a port, said for a person. */
export function portError(path: string, error: Error): string {
  const text = error.message;
  if (/ENOENT|No such file/.test(text)) return `${path} does not exist (is the board plugged in, or the simulator running?)`;
  if (/EACCES|Permission denied/.test(text)) return `no permission to open ${path} (on Linux, add yourself to the 'dialout' group)`;
  if (/EBUSY|Resource busy|Cannot lock/.test(text)) return `${path} is in use by another program`;
  return `cannot open ${path}: ${text}`;
}

export interface PortListing {
  ports: Array<{ path: string; description: string }>;
  /** Why the system could not list its ports, when it could not. */
  problem?: string;
}

/** The serial ports the system can enumerate. In a container the bindings' listing needs
 *  `udevadm`, which is often missing: that is reported as the problem, not thrown. */
export async function listSerialPorts(): Promise<PortListing> {
  try {
    const found = await autoDetect().list();
    return {
      ports: found.map((p) => ({ path: p.path, description: [p.manufacturer, p.serialNumber].filter(Boolean).join(" ") })),
    };
  } catch (error) {
    const text = (error as Error).message;
    const problem = /udevadm/.test(text)
      ? "this system cannot list serial ports (udevadm is not installed, as in many containers); give the port with --port"
      : `listing serial ports failed: ${text}`;
    return { ports: [], problem };
  }
}
