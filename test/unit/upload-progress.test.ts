// The upload progress view (flash-tool/cli/upload-progress.ts): a cli-progress bar with bytes,
// rate and time left on a terminal; a plain line at each tenth of the way elsewhere.

import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { formatRate, UploadProgressView } from "../../flash-tool/cli/upload-progress.ts";

function stream(isTTY: boolean): { out: NodeJS.WriteStream; text: () => string } {
  let text = "";
  const out = new Writable({ write(chunk, _encoding, done) { text += chunk.toString(); done(); } }) as unknown as NodeJS.WriteStream;
  Object.assign(out, { isTTY, columns: 100, cursorTo: () => true, clearLine: () => true, moveCursor: () => true });
  return { out, text: () => text };
}

describe("upload progress", () => {
  it("writes a line at each tenth of the way when not on a terminal, and counts from where this run began", () => {
    const { out, text } = stream(false);
    const view = new UploadProgressView(out);
    for (let offset = 2000; offset <= 10000; offset += 500) view.update({ offset, total: 10000 });
    const lines = text().trimEnd().split("\n");
    expect(lines[0]).toBe("  2000/10000 B (20 %), … B/s");
    expect(lines.at(-1)).toMatch(/^ {2}10000\/10000 B \(100 %\), ([\d.]+ K?B\/s|… B\/s)(, \d+ s left)?$/);
    expect(lines).toHaveLength(9); // 20 % … 100 %
    expect(view.finish().bytes).toBe(8000);
  });

  it("draws a bar with bytes, rate and time left on a terminal", () => {
    const { out, text } = stream(true);
    const view = new UploadProgressView(out);
    view.update({ offset: 0, total: 4096 });
    view.update({ offset: 2048, total: 4096 });
    view.finish();
    expect(text()).toMatch(/\d+% \| \d+\/4096 B \| .*B\/s \| .* left/);
  });

  it("formats rates", () => {
    expect(formatRate(0)).toBe("… B/s");
    expect(formatRate(900)).toBe("900 B/s");
    expect(formatRate(11520)).toBe("11.3 KB/s");
  });
});
