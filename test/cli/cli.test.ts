// The `mote` command as a user runs it: a real `node sdk/cli/mote.js` process per test, with
// the device console on stdout and everything else on stderr.

import { execFile, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { boards } from "../../boards/index.ts";
import type { Board } from "../../boards/types.ts";
import { qemuAvailable } from "../../sdk/sim/index.ts";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const moteBin = path.join(repoRoot, "sdk/cli/mote.js");
const workDir = mkdtempSync(path.join(tmpdir(), "mote-cli-test-"));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

const hasQemu = qemuAvailable();
if (!hasQemu) {
  console.warn("NOTICE: qemu-system-arm is not installed; `mote run` tests on QEMU boards are skipped " +
    "(install it with: sudo apt-get install qemu-system-arm)");
}
const canRun = (board: Board) => board.simulator.kind === "rp2040js" || hasQemu;

interface Ran { stdout: string; stderr: string; code: number | null }

/** The image files in an output folder (the build manifest, a dotfile, aside). */
function imageFiles(dir: string): string[] {
  return readdirSync(dir).filter((f) => !f.startsWith(".")).sort();
}

function mote(args: string[], timeoutMs = 90_000): Promise<Ran> {
  return new Promise((resolve) => {
    execFile(process.execPath, [moteBin, ...args], { cwd: repoRoot, timeout: timeoutMs, encoding: "utf8", maxBuffer: 16 << 20 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : null) : 0;
        resolve({ stdout, stderr, code });
      });
  });
}

/** Writes an app into its own folder under the test's work dir; returns its path. */
function app(name: string, source: string): string {
  const dir = mkdtempSync(path.join(workDir, `${name}-`));
  const file = path.join(dir, `${name}.ts`);
  writeFileSync(file, source);
  return file;
}

const explain = (r: Ran) => `exit ${r.code}\n--- stderr ---\n${r.stderr}\n--- stdout ---\n${r.stdout}`;

describe("mote --help and mote boards", () => {
  it("prints the usage on stdout for mote --help and each command's --help", async () => {
    const top = await mote(["--help"]);
    expect(top.code, explain(top)).toBe(0);
    expect(top.stdout).toMatch(/mote build <app\.ts>/);
    expect(top.stdout).toMatch(/mote run <app\.ts>/);
    expect(top.stdout).toMatch(/mote boards/);
    for (const command of ["build", "run", "boards"]) {
      const help = await mote([command, "--help"]);
      expect(help.code, explain(help)).toBe(0);
      expect(help.stdout).toContain(`Usage: mote ${command}`);
    }
  });

  it("lists every board with its simulator and capabilities", async () => {
    const listed = await mote(["boards"]);
    expect(listed.code, explain(listed)).toBe(0);
    for (const board of boards) {
      const row = listed.stdout.split("\n").find((line) => line.startsWith(`${board.id} `));
      expect(row, `a row for ${board.id}`).toBeDefined();
      expect(row).toContain(board.name);
      expect(row).toContain(board.simulator.kind === "qemu" ? board.simulator.machine : "rp2040js");
      expect(row).toContain(board.supports.join(", "));
    }
  });

  it("rejects an unknown command and an unknown option with exit 1", async () => {
    const command = await mote(["flsh"]);
    expect(command.code).toBe(1);
    expect(command.stderr).toMatch(/unknown command 'flsh'/);
    const option = await mote(["build", "x.ts", "--bord", "pico"]);
    expect(option.code).toBe(1);
    expect(option.stderr).toMatch(/--bord/);
  });
});

describe("mote build", () => {
  it("writes .elf/.bin/.hex/.map/.uf2 into <app dir>/build/pico/ and the size report to stderr", async () => {
    const file = app("blink", 'console.log("built");\n');
    const built = await mote(["build", file]);
    expect(built.code, explain(built)).toBe(0);
    expect(built.stdout).toBe("");
    expect(built.stderr).toMatch(/flash \d+ of \d+ bytes/);

    const out = path.join(path.dirname(file), "build", "pico");
    expect(imageFiles(out)).toEqual(["blink.bin", "blink.elf", "blink.hex", "blink.map", "blink.uf2"]);
    const elf = readFileSync(path.join(out, "blink.elf"));
    expect([...elf.subarray(0, 4)]).toEqual([0x7f, 0x45, 0x4c, 0x46]); // \x7fELF
    const hex = readFileSync(path.join(out, "blink.hex"), "ascii").trimEnd().split(/\r?\n/);
    expect(hex.at(-1)).toBe(":00000001FF"); // Intel HEX end-of-file record
    expect(hex.every((line) => line.startsWith(":"))).toBe(true);
    expect(readFileSync(path.join(out, "blink.bin")).length).toBeGreaterThan(0);
  });

  it("honours --board and --out, with no .uf2 for a board that does not take one", async () => {
    const file = app("qemu-app", 'console.log("built");\n');
    const out = path.join(workDir, "custom-out");
    const built = await mote(["build", file, "--board", "mps2-an385", "--out", out, "--hardware"]);
    expect(built.code, explain(built)).toBe(0);
    expect(imageFiles(out)).toEqual(["qemu-app.bin", "qemu-app.elf", "qemu-app.hex", "qemu-app.map"]);
  });

  it("answers a repeated build from its manifest, and rebuilds when a source changes", async () => {
    const file = app("warm", 'console.log("warm");\n');
    const first = await mote(["build", file, "--board", "mps2-an385"]);
    expect(first.code, explain(first)).toBe(0);
    expect(first.stderr).toContain("mote: built");
    const elf = path.join(path.dirname(file), "build", "mps2-an385", "warm.elf");
    const bytes = readFileSync(elf);

    const second = await mote(["build", file, "--board", "mps2-an385"]);
    expect(second.code, explain(second)).toBe(0);
    expect(second.stderr).toContain("is up to date");
    expect(second.stderr).toMatch(/flash \d+ of \d+ bytes/);
    expect(readFileSync(elf)).toEqual(bytes);

    writeFileSync(file, 'console.log("warm again");\n');
    const third = await mote(["build", file, "--board", "mps2-an385"]);
    expect(third.code, explain(third)).toBe(0);
    expect(third.stderr).toContain("mote: built");
    expect(readFileSync(elf)).not.toEqual(bytes);
  });

  it("reports a type error as file.ts:line:col - error TS…, exit 1, and writes no image", async () => {
    const file = app("typo", 'const n: number = "three";\nconsole.log(n);\n');
    const built = await mote(["build", file]);
    expect(built.code, explain(built)).toBe(1);
    expect(built.stdout).toBe("");
    expect(built.stderr).toMatch(/typo\.ts:1:7 - error TS2322: /);
    expect(existsSync(path.join(path.dirname(file), "build"))).toBe(false);
  });

  it("lists the boards for an unknown board, exit 1", async () => {
    const file = app("nowhere", 'console.log("x");\n');
    for (const command of ["build", "run"]) {
      const result = await mote([command, file, "--board", "arduino-uno"]);
      expect(result.code, explain(result)).toBe(1);
      expect(result.stderr).toContain("unknown board 'arduino-uno'");
      for (const board of boards) expect(result.stderr).toContain(board.id);
    }
  });
});

describe("mote run", () => {
  for (const board of boards) {
    it.runIf(canRun(board))(`prints exactly the program's output on ${board.id}`, async () => {
      const file = app("hello", 'console.log("hello");\n');
      const ran = await mote(["run", file, "--board", board.id]);
      expect(ran.stdout, explain(ran)).toBe("hello\n");
      expect(ran.code, explain(ran)).toBe(0);
    });

    it.runIf(canRun(board))(`turns an uncaught TypeError into a TypeScript stack trace on ${board.id}`, async () => {
      const file = app("crash", [
        "interface Box { v: number }",
        "function f(b: Box | undefined): number {",
        "  return b!.v * 2;",
        "}",
        'console.log("before");',
        "console.log(f(undefined));",
        'console.log("after");',
        "",
      ].join("\n"));
      const ran = await mote(["run", file, "--board", board.id]);
      expect(ran.code, explain(ran)).toBe(1);
      expect(ran.stdout, explain(ran)).toBe("before\n");
      expect(ran.stderr).not.toContain("!mote-crash");
      const trace = ran.stderr.split("\n");
      expect(trace[0]).toBe("TypeError: Cannot read properties of undefined (reading 'v')");
      expect(trace[1]).toMatch(/^ {4}at f \(.*crash\.ts:3:\d+\)$/);
      expect(trace[2]).toMatch(/^ {4}at .*crash\.ts:6:\d+$/);
      expect(ran.stderr).toMatch(/mote: crash report \(uncaught exception\) pc=0x[0-9a-f]+ lr=0x[0-9a-f]+ sp=0x[0-9a-f]+/);
    });
  }

  it("reports a crash inside the runtime at the program's call site (Invalid array length)", async () => {
    const file = app("array-length", [
      "function make(n: number): number[] {",
      "  const made: number[] = new Array(n);",
      "  return made;",
      "}",
      'console.log("start");',
      "make(-1);",
      "",
    ].join("\n"));
    const ran = await mote(["run", file]);
    expect(ran.code, explain(ran)).toBe(1);
    expect(ran.stdout, explain(ran)).toBe("start\n");
    const trace = ran.stderr.split("\n");
    expect(trace[0]).toBe("RangeError: Invalid array length");
    expect(trace[1]).toMatch(/^ {4}at make \(.*array-length\.ts:2:\d+\)$/);
    expect(trace[2]).toMatch(/^ {4}at .*array-length\.ts:6:\d+$/);
  });

  it("says why console.log cannot print an ArrayBuffer held in an unknown value", async () => {
    const file = app("log-buffer", [
      "const items: unknown[] = [1, new ArrayBuffer(2)];",
      'console.log("start");',
      "console.log(items);",
      "",
    ].join("\n"));
    const ran = await mote(["run", file]);
    expect(ran.code, explain(ran)).toBe(1);
    expect(ran.stdout, explain(ran)).toBe("start\n");
    const trace = ran.stderr.split("\n");
    expect(trace[0]).toBe("Error: console.log of this value (an ArrayBuffer, a DataView, or an object holding one) is not supported on devices yet");
    expect(trace[1]).toMatch(/^ {4}at .*log-buffer\.ts:3:\d+$/);
  });

  it("says that a class instance reached through an interface has no field for an added property", async () => {
    const file = app("fixed-fields", [
      "interface Bag { size: number; label?: string }",
      "class Box implements Bag { size = 1; }",
      "const bag: Bag = new Box();",
      'console.log("start", bag.label);',
      'bag.label = "new";',
      "",
    ].join("\n"));
    const ran = await mote(["run", file]);
    expect(ran.code, explain(ran)).toBe(1);
    expect(ran.stdout, explain(ran)).toBe("start undefined\n");
    const trace = ran.stderr.split("\n");
    expect(trace[0]).toMatch(/^TypeError: class instances on devices have a fixed set of fields/);
    expect(trace[1]).toMatch(/^ {4}at .*fixed-fields\.ts:5:\d+$/);
  });

  it("stops a program that runs too long: a message on stderr and exit 124", async () => {
    const file = app("forever", 'console.log("spinning");\nlet i = 0;\nwhile (true) {\n  i = (i + 1) | 0;\n}\n');
    const ran = await mote(["run", file, "--timeout", "1"]);
    expect(ran.code, explain(ran)).toBe(124);
    expect(ran.stdout).toBe("spinning\n");
    expect(ran.stderr).toMatch(/did not finish within 1 s/);
  });

  it("runs npm start's command: the thermostat on the Pico, its console on stdout and its telemetry, through a broker, on stderr", async () => {
    const start = JSON.parse(readFileSync(path.join(repoRoot, "package.json"), "utf8")).scripts.start as string;
    const [node, script, ...args] = start.split(" ");
    expect([node, script]).toEqual(["node", "sdk/cli/mote.js"]);
    // As npm start runs it, only shorter.
    const duration = args.indexOf("--duration");
    expect(duration).toBeGreaterThan(0);
    args[duration + 1] = "3";
    const ran = await mote(args);
    expect(ran.code, explain(ran)).toBe(0);
    expect(ran.stdout).toMatch(/^21\.00 C\nheater on\n(21\.00 C\n)+$/);
    expect(ran.stderr).toMatch(/mote: telemetry: embedded broker on mqtt:\/\/127\.0\.0\.1:\d+/);
    expect(ran.stderr).toMatch(/\[telemetry\] [\d:.]+ pico temperature 21  \(seq 0\)\n/);
    expect(ran.stderr).toMatch(/\[telemetry\] [\d:.]+ pico heater 1  \(seq 1\)\n/);
    expect(ran.stderr).toMatch(/\[telemetry\] [\d:.]+ pico status: online, v0\.0\.0 on pico, boot \d+ \(reset: power-on\)/);
    expect(ran.stderr).toMatch(/\[pin\] +[\d.]+ ms  RELAY 1\n/);
    expect(ran.stderr).toMatch(/mote: stopped after 3 s \(--duration\)\n$/);
  });

  it.skipIf(spawnSync("socat", ["-V"], { stdio: "ignore" }).error !== undefined)("says how much of the console it lost when nothing read the Pico's pseudo-terminal", async () => {
    // 640 KB of console with no one on the terminal: more than the pty, the pipe to socat and
    // the pending limit hold together (about 250 KB here; 240 KB was too close to it).
    const file = app("flood", 'const line = "x".repeat(79);\nfor (let i = 0; i < 8000; i++) console.log(line);\n');
    const ran = await mote(["run", file, "--board", "pico", "--serial-pty"]);
    expect(ran.code, explain(ran)).toBe(0);
    expect(ran.stdout).toBe("");
    expect(ran.stderr).toMatch(/mote: pico's console UART is \/dev\/pts\/\d+/);
    const lost = /mote: (\d+) bytes of the console were lost: nothing read \/dev\/pts\/\d+ while the device wrote/.exec(ran.stderr);
    expect(lost, explain(ran)).not.toBeNull();
    expect(Number(lost![1])).toBeGreaterThan(0);
    expect(Number(lost![1])).toBeLessThanOrEqual(8000 * 80);
  });

  it("refuses --set for a sensor the board does not simulate, or a value it cannot measure", async () => {
    const thermostat = "examples/thermostat/app.ts";
    const lacking = await mote(["run", "examples/hello/app.ts", "--board", "microbit", "--set", "tmp105=20"]);
    expect(lacking.code).toBe(1);
    expect(lacking.stderr).toBe("mote: --set tmp105: board 'microbit' has no simulated tmp105; it simulates no sensors\n");
    const unknown = await mote(["run", thermostat, "--board", "pico", "--set", "bme280=20"]);
    expect(unknown.stderr).toBe("mote: --set bme280: board 'pico' has no simulated bme280; its sensors are tmp105\n");
    const range = await mote(["run", thermostat, "--board", "pico", "--set", "tmp105=200"]);
    expect(range.stderr).toBe("mote: --set tmp105=200: a tmp105 measures -128 to 127.996 °C\n");
    const notNumber = await mote(["run", thermostat, "--board", "pico", "--set", "tmp105=warm"]);
    expect(notNumber.stderr).toBe("mote: --set tmp105 takes a number (°C), got 'warm'\n");
    for (const ran of [unknown, range, notNumber]) expect(ran.code).toBe(1);
  });

  it("runs examples/hello/app.ts printing what Node prints", async () => {
    const example = path.join(repoRoot, "examples/hello/app.ts");
    const [device, node] = await Promise.all([
      mote(["run", "examples/hello/app.ts", "--board", "pico"]),
      new Promise<Ran>((resolve) => execFile(process.execPath, ["--import", "tsx", example], { cwd: repoRoot, encoding: "utf8" },
        (error, stdout, stderr) => resolve({ stdout, stderr, code: error ? 1 : 0 }))),
    ]);
    expect(node.code, node.stderr).toBe(0);
    expect(device.code, explain(device)).toBe(0);
    expect(device.stdout).toBe(node.stdout);
  });
});
