// SmpClient against an in-process fake device that speaks the serial transport
// (smp-fake-device.ts): each command, errors in both styles, retries and timeouts, and image
// upload with chunks sized from the device's buffer and resumed from the offset it chooses.

import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { parseVersion, signImage } from "../../flash-tool/image/index.ts";
import { SmpClient, SmpError, SmpTimeoutError, uploadChunkSize } from "../../flash-tool/smp/index.ts";
import { FakeSmpDevice } from "./smp-fake-device.ts";

const { privateKey } = generateKeyPairSync("ed25519");
const body = Uint8Array.from({ length: 5000 }, (_, i) => (i * 13 + 5) & 0xff);
const image = signImage(body, { key: privateKey, version: parseVersion("2.0.0"), headerSize: 0x200 });

describe("SmpClient", () => {
  it("echoes, reads params, OS info, image state and stats, with console text around the frames", async () => {
    const device = new FakeSmpDevice({ consoleLine: "tick 42" });
    const consoleText: string[] = [];
    const client = new SmpClient(device, { onConsole: (b) => consoleText.push(new TextDecoder().decode(b)) });
    expect(await client.echo("hello")).toBe("hello");
    expect(await client.params()).toEqual({ bufSize: 256, bufCount: 4 });
    expect(await client.osInfo()).toMatch(/fake-device/);
    const [slot] = await client.imageList();
    expect(slot).toMatchObject({ image: 0, slot: 0, version: "1.0.0", active: true, confirmed: true, pending: false });
    expect(slot.hash).toEqual(new Uint8Array(32).fill(1));
    expect(await client.statsList()).toEqual(["smp", "uart"]);
    expect(await client.stats("smp")).toEqual({ frames: 12, dropped: 1 });
    const [tested] = await client.imageTest(image.hash);
    expect(tested).toMatchObject({ slot: 1, pending: true, permanent: false });
    expect(device.requests.at(-1)!.body).toEqual({ hash: image.hash, confirm: false });
    await client.imageConfirm();
    expect(device.requests.at(-1)!.body).toEqual({ confirm: true });
    await client.reset();
    expect(device.resets).toBe(1);
    expect(consoleText.join("")).toContain("tick 42\n");
    expect(client.counters).toMatchObject({ badCrc: 0, malformedResponses: 0, unexpectedResponses: 0, retries: 0 });
    client.close();
  });

  it("turns {rc} and {err: {group, rc}} answers into SmpError with the table's words", async () => {
    const v1 = new SmpClient(new FakeSmpDevice());
    await expect(v1.stats("nope")).rejects.toThrow("stats nope: the device answered error 5 (no such entry)");
    const v2 = new SmpClient(new FakeSmpDevice({ v2Errors: true }));
    const error = await v2.stats("nope").catch((e) => e);
    expect(error).toBeInstanceOf(SmpError);
    expect(error).toMatchObject({ rc: 5, group: 2 });
    expect(error.message).toBe("stats nope: the device answered error 5 of the stats group");
  });

  it("retries a request that got no answer, and gives up with a clear message", async () => {
    const device = new FakeSmpDevice({ ignoreFirst: 2 });
    const client = new SmpClient(device, { timeoutMs: 50, retries: 2 });
    expect(await client.echo("again")).toBe("again");
    expect(client.counters.retries).toBe(2);

    const silent = new SmpClient(new FakeSmpDevice({ silentAfter: 0 }), { timeoutMs: 30, retries: 1, deviceName: "/dev/ttyUSB9" });
    const error = await silent.echo("anyone?").catch((e) => e);
    expect(error).toBeInstanceOf(SmpTimeoutError);
    expect(error.message).toBe("echo: /dev/ttyUSB9 did not answer within 30 ms (2 attempts); check the port and its baud rate, and that the device runs an SMP server (mote-boot, or an app with `import \"mote/smp\"`)");
  });

  it("drops an answer with truncated CBOR, counts it, and gets the answer by retrying", async () => {
    const device = new FakeSmpDevice({ truncateFirstAnswers: 1 });
    const client = new SmpClient(device, { timeoutMs: 50, retries: 1 });
    expect(await client.echo("hello")).toBe("hello");
    expect(client.counters).toMatchObject({ malformedResponses: 1, retries: 1, badCrc: 0 });
  });

  it("uploads an image in chunks that fill the device's buffer, with progress", async () => {
    const device = new FakeSmpDevice({ bufSize: 512 });
    const client = new SmpClient(device);
    const progress: number[] = [];
    await client.imageUpload(image.bytes, { onProgress: (p) => progress.push(p.offset) });
    expect(device.upload!.data).toEqual(image.bytes);
    const uploads = device.requests.filter((r) => r.group === 1 && r.command === 1);
    expect(uploads[0].body).toMatchObject({ off: 0, len: image.bytes.length, sha: image.hash });
    expect((uploads[0].body.data as Uint8Array).length).toBe(uploadChunkSize(512, image.bytes.length, true));
    expect((uploads[1].body.data as Uint8Array).length).toBe(uploadChunkSize(512, image.bytes.length, false));
    expect(uploads[1].body).not.toHaveProperty("sha");
    expect(progress.at(-1)).toBe(image.bytes.length);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });

  it("resumes an interrupted upload from the offset the device chooses", async () => {
    // The cable goes after 4 requests (params + 3 chunks): the upload fails with a timeout…
    const device = new FakeSmpDevice({ bufSize: 256, silentAfter: 4 });
    const first = new SmpClient(device, { timeoutMs: 30, retries: 0 });
    await expect(first.imageUpload(image.bytes)).rejects.toThrow(SmpTimeoutError);
    first.close();
    const kept = device.upload!.received;
    expect(kept).toBeGreaterThan(0);

    // …and a new session on the same device (its upload state kept) continues from there.
    const resumed = new FakeSmpDevice({ bufSize: 256 });
    resumed.upload = device.upload;
    const client = new SmpClient(resumed);
    const progress: number[] = [];
    await client.imageUpload(image.bytes, { onProgress: (p) => progress.push(p.offset) });
    const offsets = resumed.requests.filter((r) => r.command === 1 && r.group === 1).map((r) => r.body.off);
    expect(offsets[0]).toBe(0); // the client starts at 0 with len and sha…
    expect(offsets[1]).toBe(kept); // …the device answers where it stopped, and the client goes on from there
    expect(progress[0]).toBe(kept);
    expect(resumed.upload!.data).toEqual(image.bytes);
    // Nothing before `kept` was sent twice.
    expect(offsets.slice(1).every((o) => (o as number) >= kept)).toBe(true);
  });

  it("refuses to upload something that is not a signed image", async () => {
    const client = new SmpClient(new FakeSmpDevice());
    await expect(client.imageUpload(body)).rejects.toThrow(/image upload: not an MCUboot image \(bad magic.*sign it with 'mote image sign' first/);
  });
});
