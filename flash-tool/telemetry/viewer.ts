// What `mote telemetry` shows, given a live subscription: readings and statuses as lines, as
// JSON lines, or as charts (plot.ts). Data goes to `out` (stdout); what mote itself says
// (connection changes, copies dropped, bad payloads, the final counts) goes to `err`.
//
// Plot mode on a terminal redraws in place (the alternate screen, at most every
// REDRAW_INTERVAL_MS); into a pipe or file it draws once, at finish(), so what a script
// captures is one complete set of charts.

import type { LinkedImage } from "../../sdk/compiler/link/types.ts";
import type { ConnectionEvent, TelemetrySubscription } from "./consumer.ts";
import { RECONNECT_PERIOD_MS } from "./consumer.ts";
import { formatStatusCrash, statusCrashFrames } from "./crash-report.ts";
import { formatReading, formatStatus, readingJson, statusJson } from "./format.ts";
import type { DeviceStatus, Reading } from "./payload.ts";
import { Plot } from "./plot.ts";

export type ViewerMode = "lines" | "json" | "plot";

/** Where data goes: process.stdout fits. */
export interface ViewerOutput {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
  rows?: number;
}

export interface ViewerOptions {
  mode: ViewerMode;
  out: ViewerOutput;
  /** mote's own messages, one line each (newline included). */
  err: (text: string) => void;
  /** The image the devices run, to symbolize crash reports into file.ts:line frames. */
  image?: LinkedImage;
  /** Called once after this many readings (for `--count`). */
  count?: number;
  onCount?: () => void;
}

/** At most this often a terminal plot is redrawn. */
export const REDRAW_INTERVAL_MS = 100;
/** mote's last messages shown under a live plot (stderr would be drawn over). */
const PLOT_MESSAGE_LINES = 3;
const ALTERNATE_SCREEN_ON = "\x1b[?1049h\x1b[?25l";
const ALTERNATE_SCREEN_OFF = "\x1b[?25h\x1b[?1049l";
const HOME = "\x1b[H";
const CLEAR_LINE_END = "\x1b[K";
const CLEAR_BELOW = "\x1b[J";

export class TelemetryViewer {
  private readonly plot = new Plot();
  private readonly live: boolean;
  private readonly messages: string[] = [];
  private redrawTimer: NodeJS.Timeout | undefined;
  private everConnected = false;
  private finished = false;
  private counted = 0;

  constructor(private readonly subscription: TelemetrySubscription, private readonly options: ViewerOptions) {
    this.live = options.mode === "plot" && options.out.isTTY === true;
    if (this.live) options.out.write(ALTERNATE_SCREEN_ON);
    subscription.on("reading", (reading) => this.reading(reading));
    subscription.on("status", (status) => this.status(status));
    subscription.on("connection", (event) => this.connection(event));
    subscription.on("duplicate", (d) => {
      const n = subscription.counts.duplicates;
      this.say(`${d.device} ${d.name} boot ${d.boot} seq ${d.seq} arrived again; dropped the copy (${n} ${n === 1 ? "copy" : "copies"} so far)`);
    });
    subscription.on("gap", (gap) => {
      const which = gap.missing === 1 ? `seq ${gap.after + 1} is` : `seqs ${gap.after + 1} to ${gap.next - 1} are`;
      this.say(`${gap.device} boot ${gap.boot}: ${which} missing (dropped by the device, or late)`);
    });
    subscription.on("bad-payload", (bad) => {
      const n = subscription.counts.badPayloads;
      this.say(`bad payload on ${bad.topic}: ${bad.reason} (${n} so far)`);
    });
  }

  /** Ends the view: a plot is drawn for the last time, then the counts. Idempotent. */
  finish(): void {
    if (this.finished) return;
    this.finished = true;
    clearTimeout(this.redrawTimer);
    if (this.options.mode === "plot") {
      if (this.live) this.options.out.write(ALTERNATE_SCREEN_OFF);
      this.options.out.write(`${this.renderPlot(false)}\n`);
    }
    const c = this.subscription.counts;
    const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
    this.options.err(`mote: ${plural(c.readings, "reading")}, ${plural(c.statuses, "status", "statuses")}, ` +
      `${plural(c.duplicates, "copy", "copies")} dropped, ${c.outOfOrder} out of order, ${c.missing} missing, ${plural(c.badPayloads, "bad payload")}\n`);
  }

  private reading(reading: Reading): void {
    if (this.finished) return;
    switch (this.options.mode) {
      case "json":
        this.options.out.write(`${JSON.stringify(readingJson(reading))}\n`);
        break;
      case "lines":
        this.options.out.write(`${formatReading(reading)}\n`);
        break;
      case "plot":
        if (!this.plot.add(reading)) this.say(`${reading.device} ${reading.name}: not a number, not plotted (${formatReading(reading)})`);
        this.scheduleRedraw();
        break;
    }
    this.counted++;
    if (this.options.count !== undefined && this.counted === this.options.count) this.options.onCount?.();
  }

  private status(status: DeviceStatus): void {
    if (this.finished) return;
    const crashLines = status.crash ? formatStatusCrash(status.crash, this.options.image) : [];
    switch (this.options.mode) {
      case "json": {
        const frames = status.crash && this.options.image ? { stack: statusCrashFrames(status.crash, this.options.image) } : {};
        this.options.out.write(`${JSON.stringify(statusJson(status, frames))}\n`);
        break;
      }
      case "lines":
        this.options.out.write(`${formatStatus(status)}\n`);
        if (status.crash) {
          const build = status.crash.build ? ` (build ${status.crash.build})` : "";
          this.options.out.write(`${status.device} crashed before boot ${status.boot ?? "?"}${build}:\n${crashLines.map((l) => `  ${l}\n`).join("")}`);
        }
        break;
      case "plot":
        this.plot.setStatus(status);
        // Under a live plot there is room for the error and its innermost frame; stderr
        // takes the whole report.
        if (status.crash && this.live) this.say(`${status.device} crashed before this boot: ${crashLines.slice(0, 2).map((l) => l.trim()).join(" ")}`);
        else if (status.crash) this.say(`${status.device} crashed before boot ${status.boot ?? "?"}:\n${crashLines.map((l) => `  ${l}`).join("\n")}`);
        this.scheduleRedraw();
        break;
    }
  }

  private connection(event: ConnectionEvent): void {
    const retry = `retrying every ${((event.retryInMs ?? RECONNECT_PERIOD_MS) / 1000).toString()} s`;
    switch (event.state) {
      case "connected":
        this.say(this.everConnected ? `reconnected to ${event.url}` : `connected to ${event.url}, waiting for telemetry`);
        this.everConnected = true;
        break;
      case "unreachable":
        this.say(`broker ${event.url} unreachable (${event.reason}); ${retry}` +
          (this.everConnected ? "" : ". Start one with 'mote broker', or give --broker <url>"));
        break;
      case "disconnected":
        this.say(`lost the broker ${event.url} (${event.reason}); ${retry}`);
        break;
      case "refused":
        this.say(`${event.url}: ${event.reason}; check the broker's access rules for this client`);
        break;
    }
  }

  /** A message from mote: stderr, or under a live plot. */
  private say(message: string): void {
    if (this.live) {
      this.messages.push(message);
      if (this.messages.length > PLOT_MESSAGE_LINES) this.messages.shift();
      this.scheduleRedraw();
      return;
    }
    this.options.err(`mote: ${message}\n`);
  }

  private scheduleRedraw(): void {
    if (!this.live || this.redrawTimer || this.finished) return;
    this.redrawTimer = setTimeout(() => {
      this.redrawTimer = undefined;
      const text = this.renderPlot(true);
      this.options.out.write(`${HOME}${text.split("\n").map((line) => `${line}${CLEAR_LINE_END}`).join("\n")}${CLEAR_BELOW}`);
    }, REDRAW_INTERVAL_MS);
  }

  private renderPlot(live: boolean): string {
    const out = this.options.out;
    const messages = live ? this.messages.map((m) => `mote: ${m}`.slice(0, out.columns ?? 80)) : [];
    const chart = this.plot.render({
      width: out.isTTY ? out.columns : undefined,
      height: live && out.rows !== undefined ? out.rows - messages.length - 1 : undefined,
      color: out.isTTY === true,
    });
    return [chart, ...(messages.length > 0 ? ["", ...messages] : [])].join("\n");
  }
}
