// Decoding payloads (payload.ts) and telling copies from late readings (sequence.ts), on the
// bytes cbor-x produces as devices encode them.

import { describe, expect, it } from "vitest";
import { decodeReading, decodeStatus, PayloadError } from "../../flash-tool/telemetry/payload.ts";
import { BOOTS_PER_DEVICE, SEQUENCE_WINDOW, SequenceTracker } from "../../flash-tool/telemetry/sequence.ts";
import { parseTopic, telemetryFilters } from "../../flash-tool/telemetry/topics.ts";
import { readingJson } from "../../flash-tool/telemetry/format.ts";
import { cbor } from "./helpers.ts";

const at = new Date(0);

describe("decodeReading", () => {
  it("takes v, or the object's own fields, and keeps 64-bit integers exact", () => {
    expect(decodeReading("d", "n", cbor.encode({ seq: 3, boot: 1, t: 9, v: [1, "a", true, null] }), at))
      .toEqual({ device: "d", name: "n", seq: 3, boot: 1, t: 9, value: [1, "a", true, null], receivedAt: at });
    const big = decodeReading("d", "n", cbor.encode({ seq: 0, boot: 1, t: 9, v: 2n ** 63n - 1n }), at);
    expect(big.value).toBe(2n ** 63n - 1n);
    expect(readingJson(big).value).toBe("9223372036854775807");
    const fields = decodeReading("d", "env", cbor.encode({ seq: 4, boot: 1, t: 9, temperature: 21.5, ok: false }), at);
    expect(fields.fields).toEqual({ temperature: 21.5, ok: false });
    expect(fields.value).toBeUndefined();
  });

  it("refuses what is not a reading, saying why", () => {
    const refuse = (bytes: Uint8Array) => {
      try {
        decodeReading("d", "n", bytes, at);
      } catch (error) {
        expect(error).toBeInstanceOf(PayloadError);
        return (error as Error).message;
      }
      throw new Error("accepted");
    };
    expect(refuse(new Uint8Array())).toBe("empty payload");
    expect(refuse(new Uint8Array([...cbor.encode({ seq: 1, boot: 1, t: 1, v: 1 }), 0x00]))).toMatch(/^not valid CBOR/);
    expect(refuse(cbor.encode([1, 2]))).toBe("a reading must be a CBOR map with text keys, found an array");
    expect(refuse(cbor.encode({ boot: 1, t: 1, v: 1 }))).toBe("the reading lacks 'seq'");
    expect(refuse(cbor.encode({ seq: -1, boot: 1, t: 1, v: 1 }))).toBe("'seq' must be an unsigned integer, found number -1");
    expect(refuse(cbor.encode({ seq: 1.5, boot: 1, t: 1, v: 1 }))).toBe("'seq' must be an unsigned integer, found number 1.5");
    expect(refuse(cbor.encode({ seq: 1, t: 1, v: 1 }))).toBe("the reading lacks 'boot'");
    expect(refuse(cbor.encode({ seq: 1, boot: 1, t: 1 }))).toBe("the reading has neither 'v' nor fields of its own");
  });
});

describe("decodeStatus", () => {
  it("reads a crash sent as the device sends it: pc, lr, sp and frames as little-endian words", () => {
    const words = new Uint8Array(20);
    const view = new DataView(words.buffer);
    [0x10000123, 0xfffffff9, 0x20040f00, 0x10000301, 0x80000001].forEach((w, i) => view.setUint32(4 * i, w, true));
    const status = decodeStatus("d", cbor.encode({ online: true, boot: 0x3fffffff, waiting: 4, crash: { kind: "hardfault", code: 3, words } }), true, at);
    expect(status.crash).toEqual({ kind: "hardfault", code: 3, pc: 0x10000123, lr: 0xfffffff9, sp: 0x20040f00, frames: [0x10000301, 0x80000001] });
    expect(status.waiting).toBe(4);
    expect(() => decodeStatus("d", cbor.encode({ online: true, crash: { kind: "panic", code: 1, words: new Uint8Array(10) } }), true, at))
      .toThrow("the status's crash 'words' must be pc, lr, sp and frames as 4-byte words, found 10 bytes");
  });

  it("reads the last will and refuses a status without online", () => {
    expect(decodeStatus("d", cbor.encode({ online: false }), true, at)).toEqual({ device: "d", online: false, retained: true, receivedAt: at });
    expect(() => decodeStatus("d", cbor.encode({ uptime: 5 }), false, at)).toThrow("the status has no boolean 'online' (found nothing)");
  });
});

describe("SequenceTracker", () => {
  it("tells new readings, copies and late ones apart, per device and boot", () => {
    const tracker = new SequenceTracker();
    expect(["a", "a", "b", "a", "a", "a"].map((d, i) => tracker.observe(d, 1, [0, 2, 0, 2, 1, 1][i])))
      .toEqual(["new", "new", "new", "duplicate", "out-of-order", "duplicate"]);
    expect(tracker.observe("a", 2, 0)).toBe("new"); // a new boot starts again at 0
    expect(tracker.observe("a", 1, 3)).toBe("new"); // the old boot's readings still count
  });

  it("counts the seqs a reading skipped, and which late ones fill a counted gap", () => {
    const tracker = new SequenceTracker();
    expect(tracker.check("a", 1, 10)).toEqual({ verdict: "new", skipped: 0, fillsGap: false }); // joined mid-stream
    expect(tracker.check("a", 1, 14)).toEqual({ verdict: "new", skipped: 3, fillsGap: false });
    expect(tracker.check("a", 1, 12)).toEqual({ verdict: "out-of-order", skipped: 0, fillsGap: true });
    expect(tracker.check("a", 1, 9)).toEqual({ verdict: "out-of-order", skipped: 0, fillsGap: false });
  });

  it("forgets the boot heard from least recently, and very old seqs, which then count as copies", () => {
    const tracker = new SequenceTracker();
    // Boot ids are not ordered: a new boot may have a smaller id than every earlier one.
    const boots = Array.from({ length: BOOTS_PER_DEVICE }, (_, i) => 1000 - i);
    for (const boot of boots) tracker.observe("a", boot, 0);
    expect(tracker.observe("a", boots[0], 1)).toBe("new"); // boots[1] is now the least recent
    expect(tracker.observe("a", 5, 0)).toBe("new"); // a smaller id, and a new boot all the same
    expect(tracker.observe("a", boots[0], 1)).toBe("duplicate"); // still remembered
    expect(tracker.observe("a", boots[1], 0)).toBe("new"); // forgotten: cannot tell, delivered
    const window = new SequenceTracker();
    window.observe("a", 1, SEQUENCE_WINDOW + 10);
    expect(window.observe("a", 1, 5)).toBe("duplicate");
    expect(window.observe("a", 1, 20)).toBe("out-of-order");
  });
});

describe("topics", () => {
  it("filters and parses mote topics", () => {
    expect(telemetryFilters()).toEqual(["mote/+/telemetry/#", "mote/+/status"]);
    expect(telemetryFilters({ device: "p", name: "t" })).toEqual(["mote/p/telemetry/t", "mote/p/status"]);
    expect(parseTopic("mote/p/telemetry/env/t")).toEqual({ kind: "telemetry", device: "p", name: "env/t" });
    expect(parseTopic("mote/p/status")).toEqual({ kind: "status", device: "p" });
    expect(parseTopic("mote/p/smp/rsp")).toBeUndefined();
    expect(parseTopic("mote/p/telemetry/")).toBeUndefined();
  });
});
