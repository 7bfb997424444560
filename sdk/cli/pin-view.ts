// What `mote run` shows of a simulated board besides its console: its output pins and LEDs
// as a person would look at them (issue 8, item 7). On a terminal, one status line on stderr
// that changes in place (`LED ●  LED1 ○`); with --trace-pins, or when stderr is not a
// terminal, a timestamped line per change. stdout stays the device console.

import type { Board } from "../../boards/types.ts";

const ON = "●";
const OFF = "○";
const CLEAR_LINE = "\r\x1b[K";
/** How long a note waits for the console's line to end. */
const NOTE_WAIT_MS = 500;

export interface PinViewOptions {
  /** A status line redrawn in place (stderr is a terminal and --trace-pins was not given). */
  live: boolean;
  write(text: string): void;
}

export class PinView {
  private readonly levels = new Map<string, 0 | 1>();
  private sensor: string | undefined;
  /** Notes held while the console is in the middle of a line. */
  private held: string[] = [];
  private heldTimer: NodeJS.Timeout | undefined;
  private shown = false;
  private atLineStart = true;

  constructor(private readonly board: Board, private readonly options: PinViewOptions) {}

  /** Keys that press the board's buttons: "1" for the first, … */
  get buttons(): string[] {
    return Object.keys(this.board.pins).filter((name) => /BUTTON/.test(name));
  }

  change(pin: string, level: 0 | 1, timeMs: number | undefined): void {
    this.levels.set(pin, level);
    if (!this.options.live) {
      const when = timeMs === undefined ? "" : `${timeMs.toFixed(3).padStart(10)} ms  `;
      this.note(`[pin] ${when}${pin} ${level}`);
      return;
    }
    if (this.atLineStart) this.draw();
  }

  /** A simulated sensor's value changed (the + and - keys): `tmp105 21.5 °C`. */
  sensorChanged(label: string): void {
    this.sensor = label;
    if (!this.options.live) {
      this.note(`[sensor] ${label}`);
      return;
    }
    if (this.atLineStart) this.draw();
  }

  /**
   * A line of mote's own (telemetry, the bridge, the simulator) for stderr. On a terminal
   * stdout and stderr share the screen, so a note waits while the console is in the middle
   * of a line (its end comes soon, or the note goes after NOTE_WAIT_MS anyway).
   */
  note(text: string): void {
    this.held.push(text.endsWith("\n") ? text : `${text}\n`);
    if (this.atLineStart) this.flushNotes();
    else this.heldTimer ??= setTimeout(() => this.flushNotes(), NOTE_WAIT_MS);
  }

  private flushNotes(): void {
    clearTimeout(this.heldTimer);
    this.heldTimer = undefined;
    if (this.held.length === 0) return;
    this.beforeOutput();
    this.options.write(this.held.join(""));
    this.held = [];
    if (this.options.live && this.atLineStart && (this.levels.size > 0 || this.sensor !== undefined)) this.draw();
  }

  /** Before console output: the status line makes way. */
  beforeOutput(): void {
    if (this.shown) this.options.write(CLEAR_LINE);
    this.shown = false;
  }

  /** After console output ending (or not) with a newline: the status line comes back. */
  afterOutput(bytes: Uint8Array): void {
    if (bytes.length > 0) this.atLineStart = bytes[bytes.length - 1] === 0x0a;
    if (this.atLineStart && this.held.length > 0) return this.flushNotes();
    if (this.options.live && this.atLineStart && (this.levels.size > 0 || this.sensor !== undefined)) this.draw();
  }

  /** The run ended: the status line stays as the last picture of the board. */
  end(): void {
    this.flushNotes();
    if (this.shown) this.options.write("\n");
    this.shown = false;
  }

  private draw(): void {
    const cells = [...this.levels].map(([pin, level]) => `${pin} ${level ? ON : OFF}`);
    if (this.sensor !== undefined) cells.push(this.sensor);
    const keys = [...this.buttons.map((b, i) => `${i + 1}: ${b}`), ...(this.sensor !== undefined ? [`+/-: ${this.sensor.split(" ")[0]}`] : [])].join(", ");
    this.options.write(`${CLEAR_LINE}${this.board.id}  ${cells.join("  ")}${keys ? `   (keys ${keys})` : ""}`);
    this.shown = true;
  }
}
