// One SMP request as a group's handler sees it: the header's fields and the body, a CBOR map
// decoded into a plain object (text keys; byte strings as Uint8Array).
//
// Header, 8 bytes, big-endian (smp_protocol.rst): [0] bits 4–3 version, bits 2–0 operation;
// [1] flags; [2–3] body length; [4–5] group; [6] sequence; [7] command.

export class SmpRequest {
  constructor(readonly packet: Uint8Array, readonly body: Record<string, unknown>) {}

  get op(): number {
    return this.packet[0] & 0x07;
  }

  get version(): number {
    return (this.packet[0] >> 3) & 0x03;
  }

  get group(): number {
    return (this.packet[4] << 8) | this.packet[5];
  }

  get sequence(): number {
    return this.packet[6];
  }

  get command(): number {
    return this.packet[7];
  }
}
