// Bytes for a device's console UART that the host produces as it goes (the bridge's frames,
// a test's messages): RunOptions.consoleInput reads them in order; `end()` ends the input.

export class InputQueue implements AsyncIterable<Uint8Array> {
  private chunks: Uint8Array[] = [];
  private wake: (() => void) | undefined;
  private ended = false;

  push(bytes: Uint8Array): void {
    if (this.ended) return;
    this.chunks.push(bytes);
    this.wake?.();
  }

  end(): void {
    this.ended = true;
    this.wake?.();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Uint8Array> {
    for (;;) {
      while (this.chunks.length > 0) yield this.chunks.shift()!;
      if (this.ended) return;
      await new Promise<void>((resolve) => { this.wake = resolve; });
      this.wake = undefined;
    }
  }
}
