// The UART's receive service on Node with a stand-in for the chip's driver: a UART that keeps
// handing over bytes while the service reads (as QEMU does when its host is slow: the next
// byte comes as soon as one is read) fills the 256-byte buffer within one service; with a
// listener, every byte must still reach it. Without one, bytes beyond the buffer are counted.
import { beforeEach, describe, expect, it, vi } from "vitest";

const line = vi.hoisted(() => ({ bytes: [] as number[], service: undefined as (() => void) | undefined }));
vi.mock("mote/intrinsics", () => import("../../ports/host/intrinsics.ts"));
// The event loop's hold on the device and the console's printer are the device's own.
vi.mock("../../sdk/lib/rt/timers.ts", () => ({ holdLoop: () => {}, releaseLoop: () => {} }));
vi.mock("../../sdk/lib/rt/print.ts", () => ({ printString: () => {} }));
vi.mock("mote/console", () => ({
  consoleWrite: () => {},
  consoleSetBaud: () => {},
  consoleReceive: (service: () => void) => { line.service = service; },
  consoleStopReceiving: () => { line.service = undefined; },
  consoleRead: () => (line.bytes.length > 0 ? line.bytes.shift()! : -1),
  consoleOverrun: () => false,
}));

const { uart, UART_BUFFER_BYTES } = await import("../../sdk/lib/uart.ts");
const { uartDropped } = await import("../../sdk/lib/uart-dropped.ts");

describe("the UART's receive service", () => {
  beforeEach(() => {
    if (uart.isOpen) uart.close();
    line.bytes = [];
  });

  it("hands a listener everything a fast UART gives it in one service, in order", () => {
    const got: number[] = [];
    uart.open();
    uart.onData((bytes) => got.push(...bytes));
    const sent = Array.from({ length: 5 * UART_BUFFER_BYTES + 17 }, (_, i) => (i * 7) & 0xff);
    const dropped = uartDropped();
    line.bytes = [...sent];
    line.service!();
    expect(got).toEqual(sent);
    expect(uartDropped()).toBe(dropped);
  });

  it("keeps the first 256 for a listener that comes later, and counts the rest", async () => {
    uart.open();
    const dropped = uartDropped();
    line.bytes = Array.from({ length: UART_BUFFER_BYTES + 40 }, (_, i) => i & 0xff);
    line.service!();
    expect(uartDropped() - dropped).toBe(40);
    const got: number[] = [];
    uart.onData((bytes) => got.push(...bytes));
    // They come from the event loop (here Node's), as the listener's first call.
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(got).toEqual(Array.from({ length: UART_BUFFER_BYTES }, (_, i) => i & 0xff));
  });
});
