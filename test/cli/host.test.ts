// `mote run --board host`: the app on Node, with the same console on stdout, the same pin
// view on stderr and the same exit codes as on a simulated board.

import { describe, expect, it } from "vitest";
import { mote } from "../fixtures/mote-cli.ts";

describe("mote run --board host", () => {
  it("shows blinky's LED changes with the app's time on stderr, and stops at the timeout", async () => {
    const ran = await mote(["run", "examples/blinky/app.ts", "--board", "host", "--trace-pins", "--timeout", "1.4"]);
    expect(ran.code).toBe(124);
    expect(ran.stdout).toBe("");
    const changes = ran.stderr.split("\n").filter((l) => l.startsWith("[pin]"));
    expect(changes.length).toBeGreaterThanOrEqual(1);
    expect(changes[0]).toMatch(/^\[pin\]\s+\d+\.\d{3} ms  LED 1$/);
    expect(Number(/([\d.]+) ms/.exec(changes[0])![1])).toBeGreaterThanOrEqual(500);
    expect(ran.stderr).toContain("did not finish within 1.4 s");
  });

  it("prints the console on stdout and exits with the program's code", async () => {
    const ran = await mote(["run", "test/conformance/timers-event-loop.ts", "--board", "host"]);
    expect(ran.code).toBe(0);
    expect(ran.stdout).toMatch(/^start\nend of top-level code\n/);
    expect(ran.stderr).toBe("");
  });

  it("exits 1 on an uncaught exception, with Node's stack trace on the .ts line", async () => {
    const ran = await mote(["run", "test/host/fixtures/throws.ts", "--board", "host"]);
    expect(ran.code).toBe(1);
    expect(ran.stdout).toBe("before\n");
    expect(ran.stderr).toContain("Error: boom on the host");
    expect(ran.stderr).toMatch(/at .*fail.* \(.*test\/host\/fixtures\/throws\.ts:4:9\)/);
  });

  it("lists the host board, and refuses to build an image for it", async () => {
    const boards = await mote(["boards"]);
    expect(boards.stdout).toMatch(/^host\s+Node\.js host .*\s+host\s+console, led, button, timer$/m);
    const built = await mote(["build", "examples/blinky/app.ts", "--board", "host"]);
    expect(built.code).toBe(1);
    expect(built.stderr).toContain("board 'host' runs the app on Node");
  });
});
