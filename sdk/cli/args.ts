// Command-line parsing shared by every `mote` command (sdk/cli, flash-tool/cli): a mistake on
// the command line is a UsageError, which main() prints as `mote: <message>` with exit status 1.

import { parseArgs, type ParseArgsConfig } from "node:util";

/** A mistake on the command line: printed as `mote: <message>`, exit status 1. */
export class UsageError extends Error {}

/** Parses a command's arguments (positionals allowed, unknown options refused); every
 *  command takes -h/--help. */
export function parse<T extends NonNullable<ParseArgsConfig["options"]>>(args: string[], options: T) {
  try {
    return parseArgs({ args, options: { ...options, help: { type: "boolean", short: "h" } }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}
