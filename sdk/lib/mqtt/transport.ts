// The byte stream under the MQTT client. The client only needs a stream that opens, carries
// bytes both ways and closes, so the same client runs over the serial bridge's link
// (sdk/lib/link.ts) now and over a TCP socket once a device has a network stack.

/** A byte stream to the broker: a serial link through a bridge, later a TCP socket. */
export interface Transport {
  /** Opens the stream. Exactly one of `events.opened()` or `events.closed(reason)` follows
   *  (later, from the event loop, never synchronously inside open()). */
  open(events: TransportEvents): void;
  /** Sends bytes on an open stream (whole MQTT packets; the transport may split them). */
  write(bytes: Uint8Array): void;
  /** Closes the stream; `closed` is not called for a close the client asked for. */
  close(): void;
}
export interface TransportEvents {
  opened(): void;
  data(bytes: Uint8Array): void;
  /** The stream ended or could not be opened (broker away, bridge gone, device link lost). */
  closed(reason: string): void;
}
