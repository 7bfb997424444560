// What `mote run` shows of a simulated board besides its console: its output pins and LEDs
// as a person would look at them (issue 8, item 7). On a terminal, one status line on stderr
// that changes in place (`LED ●  LED1 ○`); with --trace-pins, or when stderr is not a
// terminal, a timestamped line per change. stdout stays the device console.

import type { Board } from "../../boards/types.ts";

const ON = "●";
const OFF = "○";
const CLEAR_LINE = "\r\x1b[K";

export interface PinViewOptions {
  /** A status line redrawn in place (stderr is a terminal and --trace-pins was not given). */
  live: boolean;
  write(text: string): void;
}

export class PinView {
  private readonly levels = new Map<string, 0 | 1>();
  private shown = false;
  private atLineStart = true;

  constructor(private readonly board: Board, private readonly options: PinViewOptions) {}

  /** Keys that press the board's buttons: "1" for the first, … (rp2040js boards, the host). */
  get buttons(): string[] {
    return Object.keys(this.board.pins).filter((name) => /BUTTON/.test(name));
  }

  change(pin: string, level: 0 | 1, timeMs: number | undefined): void {
    this.levels.set(pin, level);
    if (!this.options.live) {
      const when = timeMs === undefined ? "" : `${timeMs.toFixed(3).padStart(10)} ms  `;
      this.options.write(`[pin] ${when}${pin} ${level}\n`);
      return;
    }
    if (this.atLineStart) this.draw();
  }

  /** Before console output: the status line makes way. */
  beforeOutput(): void {
    if (this.shown) this.options.write(CLEAR_LINE);
    this.shown = false;
  }

  /** After console output ending (or not) with a newline: the status line comes back. */
  afterOutput(bytes: Uint8Array): void {
    if (bytes.length > 0) this.atLineStart = bytes[bytes.length - 1] === 0x0a;
    if (this.options.live && this.atLineStart && this.levels.size > 0) this.draw();
  }

  /** The run ended: the status line stays as the last picture of the board. */
  end(): void {
    if (this.shown) this.options.write("\n");
    this.shown = false;
  }

  private draw(): void {
    const cells = [...this.levels].map(([pin, level]) => `${pin} ${level ? ON : OFF}`);
    const keys = this.buttons.map((b, i) => `${i + 1}: ${b}`).join(", ");
    this.options.write(`${CLEAR_LINE}${this.board.id}  ${cells.join("  ")}${keys ? `   (keys ${keys})` : ""}`);
    this.shown = true;
  }
}
