// Globals a device program sees besides the ES2022 core library: no DOM, no Node.

interface Console {
  /** Prints the arguments separated by spaces and a newline, formatted as Node formats them. */
  log(...data: unknown[]): void;
}

declare var console: Console;
