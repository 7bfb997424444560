// `mote echo|reset|stats|info --port <tty>`: a device's SMP server (an app with
// `import "mote/smp"`, sdk/lib/smp.ts) through its serial port — a board's USB serial port,
// or a simulated board's pseudo-terminal (`mote run --serial-pty`) — with the host's
// SmpClient (flash-tool/smp). Console text the device prints meanwhile is not shown: stdout
// carries only the answer.

import fs from "node:fs";
import { parse, UsageError } from "../../sdk/cli/args.ts";
import { readElfImage } from "../../sdk/compiler/link/read-elf.ts";
import type { LinkedImage } from "../../sdk/compiler/link/types.ts";
import { encodeBody, MoteCommand, SmpError, SmpGroup, SmpOp, SmpTimeoutError } from "../smp/index.ts";
import { PORT_ARGS, PORT_OPTIONS, withDevice } from "./device-port.ts";
import { formatStatusCrash } from "../telemetry/crash-report.ts";
import { formatStatusSummary, statusJson, toJson } from "../telemetry/format.ts";
import { decodeStatus, PayloadError } from "../telemetry/payload.ts";

export const SMP_USAGE: Record<string, string> = {
  echo: `Usage: mote echo [text] --port <tty>

Sends text (default "hello") to the device's SMP server and prints what it sends back:
a check that the device is there and answering. The app must import "mote/smp".

Options:
${PORT_OPTIONS}`,
  reset: `Usage: mote reset --port <tty>

Asks the device to reset; it answers, then resets (its next boot says reset reason "reset").

Options:
${PORT_OPTIONS}`,
  stats: `Usage: mote stats [group] --port <tty>

Prints the device's counters: every group (smp, uart, link), or the one named — the SMP
server's frames and what it dropped (bad CRC, bad base64, oversize, broken), the UART's
bytes received and lost, the serial link's frames.

Options:
${PORT_OPTIONS}
      --json             one JSON object, groups to counters`,
  info: `Usage: mote info --port <tty>

Prints the device's diagnostics (mote's SMP group): its id, version, board, uptime, why it
last reset, heap used and free, event-loop lag, and the crash report it kept from before its
last reset.

Options:
${PORT_OPTIONS}
      --elf <file>       the ELF the device runs (from mote build): a kept crash report's
                         frames become file.ts:line
      --json             the diagnostics as one JSON object`,
};

export async function smpCommand(command: "echo" | "reset" | "stats" | "info", args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {
    ...PORT_ARGS,
    json: { type: "boolean" },
    elf: { type: "string" },
  });
  if (values.help) {
    process.stdout.write(`${SMP_USAGE[command]}\n`);
    return 0;
  }
  const most = command === "echo" || command === "stats" ? 1 : 0;
  if (positionals.length > most) throw new UsageError(`'mote ${command}' takes ${most === 0 ? "no arguments" : "one argument"}, got: ${positionals.join(" ")}`);
  if (values.json && (command === "echo" || command === "reset")) throw new UsageError(`'mote ${command}' has no --json output`);
  if (values.elf !== undefined && command !== "info") throw new UsageError("--elf is for 'mote info' (its crash report)");
  let image: LinkedImage | undefined;
  if (values.elf !== undefined) {
    try {
      image = readElfImage(fs.readFileSync(values.elf));
    } catch (error) {
      throw new UsageError(`cannot read the ELF ${values.elf}: ${(error as Error).message}`);
    }
  }

  return withDevice(command, values, async (device) => {
    const client = device.client;
    switch (command) {
      case "echo": {
        const text = positionals[0] ?? "hello";
        process.stdout.write(`${await client.echo(text)}\n`);
        break;
      }
      case "reset":
        await client.reset();
        process.stderr.write(`mote: ${device.port} answered and is resetting\n`);
        break;
      case "stats": {
        const names = positionals.length > 0 ? [positionals[0]] : await client.statsList();
        const groups: Record<string, Record<string, number>> = {};
        for (const name of names) groups[name] = await client.stats(name);
        if (values.json) process.stdout.write(`${JSON.stringify(groups)}\n`);
        else process.stdout.write(formatStats(groups));
        break;
      }
      case "info": {
        const body = await client.request(SmpOp.READ, SmpGroup.MOTE, MoteCommand.DIAGNOSTICS, {}, "mote info");
        const id = typeof body.id === "string" ? body.id : device.port;
        // The keys are telemetry's status's: one decoder for both.
        const status = decodeStatus(id, encodeBody({ ...body, online: true }), false);
        if (values.json) {
          const { online, retained, ...json } = statusJson(status);
          process.stdout.write(`${JSON.stringify(toJson({ ...json, type: "info" }))}\n`);
          break;
        }
        process.stdout.write(`${formatStatusSummary(status).replace(/: online(, )?/, ": ")}\n`);
        if (status.crash) process.stdout.write(`${formatStatusCrash(status.crash, image).map((line) => `  ${line}`).join("\n")}\n`);
        break;
      }
    }
    return 0;
  }, (error) => error instanceof SmpTimeoutError || error instanceof SmpError || error instanceof PayloadError);
}

/** Groups and their counters, aligned:
 *    smp
 *      frames       12
 */
function formatStats(groups: Record<string, Record<string, number>>): string {
  const lines: string[] = [];
  for (const [name, fields] of Object.entries(groups)) {
    lines.push(name);
    const width = Math.max(0, ...Object.keys(fields).map((k) => k.length));
    for (const [field, value] of Object.entries(fields)) lines.push(`  ${field.padEnd(width)}  ${value}`);
  }
  return `${lines.join("\n")}\n`;
}
