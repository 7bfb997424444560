// `mote flash` and `mote image list|test|confirm|erase --port` as a user runs them: real `node
// sdk/cli/mote.js` processes against `mote run --serial-pty` (mps2-an385 on QEMU, an app
// with `import "mote/smp"`): build, sign, upload with progress, an upload interrupted by
// killing the process and resumed by running it again, test, reset, and the report — which
// says plainly that the new image is not active while no mote-boot is on the device. And the
// bad cases: no --port, an image for another board, a port that does not answer, a device
// without the image group.

import { execFile, spawn, type ChildProcess } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { copyFileSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { qemuAvailable } from "../../sdk/sim/index.ts";
import { signImage } from "../../flash-tool/image/index.ts";

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.join(here, "../..");
const moteBin = path.join(repoRoot, "sdk/cli/mote.js");
const hasQemu = qemuAvailable();

interface Ran { code: number; stdout: string; stderr: string }

function mote(args: string[]): Promise<Ran> {
  return new Promise((resolve) => {
    execFile(process.execPath, [moteBin, ...args], { cwd: repoRoot, timeout: 120_000, encoding: "utf8" }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

const children: ChildProcess[] = [];
afterEach(async () => {
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      await new Promise((resolve) => child.once("exit", resolve));
    }
  }
});

/** `mote run <app> --board <board> --serial-pty`; resolves with the pty it prints. */
async function runOnPty(app: string, board = "mps2-an385"): Promise<string> {
  const child = spawn(process.execPath, [moteBin, "run", app, "--board", board, "--serial-pty", "--duration", "150"], { cwd: repoRoot });
  children.push(child);
  let stderr = "";
  return new Promise((resolve, reject) => {
    child.stderr.on("data", (data: Buffer) => {
      stderr += data.toString();
      const found = /console UART is (\S+)/.exec(stderr);
      if (found) resolve(found[1]);
    });
    child.once("exit", () => reject(new Error(`mote run ended before its pty was ready: ${stderr}`)));
  });
}

/** A project directory with the SMP app and a signing key. */
function project(): { dir: string; app: string; key: string } {
  const dir = mkdtempSync(path.join(tmpdir(), "mote-flash-cli-"));
  const app = path.join(dir, "app.ts");
  copyFileSync(path.join(here, "../boards/fixtures/image-smp.ts"), app);
  const { privateKey } = generateKeyPairSync("ed25519");
  const key = path.join(dir, "key.pem");
  writeFileSync(key, privateKey.export({ type: "pkcs8", format: "pem" }));
  return { dir, app, key };
}

describe.skipIf(!hasQemu)("mote flash over a pseudo-terminal", () => {
  it("builds, signs, uploads with progress, resumes a killed upload, tests, resets and reports", { timeout: 170_000 }, async () => {
    const pty = await runOnPty(path.join(here, "../boards/fixtures/image-smp.ts"));
    const { app, key } = project();

    // Killed while uploading, once past a quarter of the image.
    const first = spawn(process.execPath, [moteBin, "flash", app, "--port", pty, "--key", key, "--version", "1.1.0"], { cwd: repoRoot });
    children.push(first);
    let firstErr = "";
    await new Promise<void>((resolve, reject) => {
      first.stderr.on("data", (data: Buffer) => {
        firstErr += data.toString();
        const progress = [...firstErr.matchAll(/ (\d+)\/(\d+) B \(/g)].at(-1);
        if (progress && Number(progress[1]) > Number(progress[2]) / 4) {
          first.kill("SIGKILL");
          resolve();
        }
      });
      first.once("exit", () => reject(new Error(`mote flash ended before the cut: ${firstErr}`)));
    });
    expect(firstErr).toMatch(/^mote: \/dev\/pts\/\d+: mps2-an385, v0\.0\.0 on mps2-an385\n/);
    expect(firstErr).toMatch(/mote: built .*app\.ts for mps2-an385 and signed it with .*key\.pem: 1\.1\.0, \d+ B, hash [0-9a-f]{16}\n/);
    expect(firstErr).toMatch(/mote: uploading \d+ B into slot 1\n/);
    await new Promise((resolve) => setTimeout(resolve, 500)); // the device finishes the request it was given

    const again = await mote(["flash", app, "--port", pty, "--key", key, "--version", "1.1.0"]);
    expect(again.stderr).toMatch(/mote: uploading \d+ B into slot 1, going on from byte \d+ where an earlier upload stopped\n/);
    // Progress lines off a terminal: bytes, percent, rate, time left.
    expect(again.stderr).toMatch(/\n {2}\d+\/\d+ B \(\d+ %\), [\d.]+ K?B\/s, \d+ s left\n/);
    const uploaded = /mote: uploaded: (\d+) B in ([\d.]+) s \(([\d.]+) KB\/s\); the device's SHA-256 of it matches the image's hash\n/.exec(again.stderr);
    expect(uploaded, again.stderr).not.toBeNull();
    expect(again.stderr).toContain("mote: marked 1.1.0 for a test boot at the next reset\n");
    expect(again.stderr).toContain("mote: resetting; waiting for the device to answer again\n");
    // No mote-boot on this device: the app runs from the flash's start, the update waits.
    expect(again.stderr).toMatch(/mote: \/dev\/pts\/\d+ answered after [\d.]+ s, but the new image is not active: the device still runs v0\.0\.0; slot 1 holds 1\.1\.0, still marked for the next boot\. No bootloader swapped it in: put mote-boot on the device \(the image slots need it\), then reset it\n$/);
    expect(again.code).toBe(1);

    const list = await mote(["image", "list", "--port", pty]);
    expect(list, list.stderr).toMatchObject({ code: 0, stdout: expect.stringMatching(/^slot 1 {2}1\.1\.0 {6} [0-9a-f]{64} {2}pending\n$/) });
    const json = await mote(["image", "list", "--port", pty, "--json"]);
    expect(JSON.parse(json.stdout)).toMatchObject([{ slot: 1, version: "1.1.0", pending: true, active: false }]);
    const hash = /[0-9a-f]{64}/.exec(list.stdout)![0];
    const retest = await mote(["image", "test", hash, "--port", pty]);
    expect(retest, retest.stderr).toMatchObject({ code: 0, stdout: list.stdout }); // asked again: unchanged
    const unknown = await mote(["image", "test", "ab".repeat(32), "--port", pty]);
    expect(unknown).toMatchObject({ code: 1, stderr: "mote: image test: the device answered error 3 (invalid value): no image in the slots has that hash\n" });
    const confirm = await mote(["image", "confirm", "--port", pty]);
    expect(confirm).toMatchObject({ code: 1, stderr: "mote: image confirm: the device answered error 6 (bad state): the running app is not in slot 0 (no mote-boot started it): there is no image to confirm\n" });
    const badHash = await mote(["image", "test", "abc", "--port", pty]);
    expect(badHash).toMatchObject({ code: 1, stderr: "mote: 'abc' is not an image hash: 64 hex digits, as 'mote image list' prints them\n" });
    const erase = await mote(["image", "erase", "--port", pty]);
    expect(erase).toMatchObject({ code: 1, stderr: expect.stringMatching(/image erase: the device answered error 6 \(bad state\): slot 1 is marked for the next boot/) });

    // An image for another board (runs at the Pico's flash), refused before any upload.
    const other = path.join(path.dirname(app), "pico.signed.bin");
    const { privateKey } = generateKeyPairSync("ed25519");
    writeFileSync(other, signImage(new Uint8Array(1000), { key: privateKey, version: { major: 1, minor: 0, revision: 0, build: 0 }, headerSize: 0x200, loadAddress: 0x10000000 }).bytes);
    const wrong = await mote(["flash", other, "--port", pty]);
    expect(wrong.stderr).toMatch(/mote: .*pico\.signed\.bin is for another board: it runs at 0x10000000, outside mps2-an385's flash \(0x0–0x400000\); build it for mps2-an385\n$/);
    expect(wrong.code).toBe(1);
  });

  it("says plainly what is wrong: no port, a port that does not answer, a device without the image group", { timeout: 120_000 }, async () => {
    const { app, key } = project();
    const noPort = await mote(["flash", app]);
    expect(noPort.code).toBe(1);
    expect(noPort.stderr).toMatch(/^mote: 'mote flash' needs the device's port: --port <tty>; (this system cannot list serial ports|no serial ports are present|the serial ports here are:)/);
    expect(noPort.stderr).not.toMatch(/\n\s+at /); // no stack trace

    const silent = await runOnPty(path.join(here, "../boards/fixtures/idle-interval.ts"));
    const quiet = await mote(["flash", app, "--port", silent, "--key", key, "--timeout", "0.5"]);
    expect(quiet.code).toBe(1);
    expect(quiet.stderr).toMatch(/mote info: \/dev\/pts\/\d+ did not answer within 500 ms \(2 attempts\); check the port and its baud rate, and that the device runs an SMP server/);

    // An app that answers SMP but dropped the image group (it takes no updates over its port).
    const microbit = await runOnPty(path.join(here, "../boards/fixtures/smp-no-updates.ts"), "microbit");
    const image = path.join(path.dirname(app), "any.signed.bin");
    const { privateKey } = generateKeyPairSync("ed25519");
    writeFileSync(image, signImage(new Uint8Array(100), { key: privateKey, version: { major: 1, minor: 0, revision: 0, build: 0 }, headerSize: 0x20 }).bytes);
    const noGroup = await mote(["flash", image, "--port", microbit]);
    expect(noGroup.code).toBe(1);
    expect(noGroup.stderr).toMatch(/mote: \/dev\/pts\/\d+ has no image management \(SMP group 1\): its app must import "mote\/smp" and its board take updates \(a flash layout: see 'mote boards'\)\n$/);

    const missing = await mote(["image", "list", "--port", "/dev/no-such-tty"]);
    expect(missing).toMatchObject({ code: 1, stderr: "mote: /dev/no-such-tty does not exist (is the board plugged in, or the simulator running?)\n" });
  });
});
