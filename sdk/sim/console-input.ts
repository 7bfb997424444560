// RunOptions.consoleInput as a simulator takes it: the host's chunks wait here until the
// device's UART has room for their bytes, as on a link with flow control, so no byte sent is
// lost before the device has seen it (what the device does not keep, it counts itself).

export class ConsoleInput {
  private chunks: Uint8Array[] = [];
  /** Bytes of chunks[0] already taken. */
  private offset = 0;
  private open: boolean;
  private wake: (() => void) | undefined;
  private iterator: AsyncIterator<Uint8Array> | undefined;
  /** Why the source failed, if it threw: for the run's simulatorLog. */
  failure: string | undefined;

  constructor(source: AsyncIterable<Uint8Array> | undefined) {
    this.open = source !== undefined;
    if (source) {
      this.pump(source[Symbol.asyncIterator]()).catch((error: unknown) => {
        this.failure = `mote: the console input failed: ${error instanceof Error ? error.message : String(error)}`;
      });
    }
  }

  /** Whether more bytes may come: the source has not ended (or there was one and it has not). */
  get waiting(): boolean {
    return this.open || this.chunks.length > 0;
  }

  get pending(): boolean {
    return this.chunks.length > 0;
  }

  /** The next byte; only when `pending`. */
  takeByte(): number {
    const chunk = this.chunks[0];
    const byte = chunk[this.offset++];
    if (this.offset === chunk.length) {
      this.chunks.shift();
      this.offset = 0;
    }
    return byte;
  }

  /** Everything pending, at once. */
  takeAll(): Uint8Array[] {
    const taken = this.chunks;
    if (taken.length > 0 && this.offset > 0) taken[0] = taken[0].subarray(this.offset);
    this.chunks = [];
    this.offset = 0;
    return taken;
  }

  /** Resolves when bytes are pending or the source has ended, or after `limitMs`. */
  next(limitMs: number): Promise<void> {
    if (this.pending || !this.open) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => this.notify(), Math.max(0, limitMs));
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  /** The run is over: stop reading the source. */
  stop(): void {
    this.open = false;
    void this.iterator?.return?.().catch(() => {});
    this.notify();
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  private async pump(iterator: AsyncIterator<Uint8Array>): Promise<void> {
    this.iterator = iterator;
    try {
      while (this.open) {
        const { value, done } = await iterator.next();
        if (done || !this.open) break;
        if (value.length > 0) this.chunks.push(value);
        this.notify();
      }
    } finally {
      this.open = false;
      this.notify();
    }
  }
}
