// An upload's progress as a person watches it: on a terminal a cli-progress bar with bytes,
// rate and time left, redrawn in place; elsewhere (a log, a pipe, a test) a plain line at
// every tenth of the way, so the output reads well and stays short. Both on stderr, where
// mote's own messages go.

import { Presets, SingleBar } from "cli-progress";
import type { UploadProgress } from "../smp/client.ts";

export class UploadProgressView {
  private bar: SingleBar | undefined;
  private started = 0;
  /** Where this run's upload began (the device may have had the start already). */
  private startOffset = -1;
  private lastTenth = -1;
  private last: UploadProgress | undefined;

  constructor(private readonly stream: NodeJS.WriteStream = process.stderr) {}

  /** The device's latest offset. */
  update(progress: UploadProgress): void {
    const now = Date.now();
    if (this.startOffset < 0) {
      this.started = now;
      this.startOffset = progress.offset;
      if (this.stream.isTTY) {
        this.bar = new SingleBar({
          stream: this.stream, hideCursor: true, barsize: 30, etaBuffer: 20,
          format: "  {bar} {percentage}% | {value}/{total} B | {rate} | {eta_formatted} left",
        }, Presets.shades_classic);
        this.bar.start(progress.total, progress.offset, { rate: "…" });
      }
    }
    this.last = progress;
    const rate = this.rate(now, progress.offset);
    if (this.bar) {
      this.bar.update(progress.offset, { rate: formatRate(rate) });
      return;
    }
    const tenth = Math.floor((progress.offset / progress.total) * 10);
    if (tenth === this.lastTenth && progress.offset !== progress.total) return;
    this.lastTenth = tenth;
    const left = rate > 0 ? (progress.total - progress.offset) / rate : undefined;
    this.stream.write(`  ${progress.offset}/${progress.total} B (${Math.floor((progress.offset / progress.total) * 100)} %), ${formatRate(rate)}` +
      `${left === undefined ? "" : `, ${Math.ceil(left)} s left`}\n`);
  }

  /** Ends the bar; returns bytes sent in this run and the seconds it took. */
  finish(): { bytes: number; seconds: number } {
    this.bar?.stop();
    if (!this.last) return { bytes: 0, seconds: 0 };
    return { bytes: this.last.offset - this.startOffset, seconds: (Date.now() - this.started) / 1000 };
  }

  /** Bytes per second since this run's first answer. */
  private rate(now: number, offset: number): number {
    const seconds = (now - this.started) / 1000;
    return seconds > 0 ? (offset - this.startOffset) / seconds : 0;
  }
}

export function formatRate(bytesPerSecond: number): string {
  if (!(bytesPerSecond > 0)) return "… B/s";
  return bytesPerSecond >= 1024 ? `${(bytesPerSecond / 1024).toFixed(1)} KB/s` : `${Math.round(bytesPerSecond)} B/s`;
}
