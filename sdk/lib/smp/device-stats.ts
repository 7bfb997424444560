// The device's counters that the statistics group serves besides the SMP server's own: the
// console UART's (bytes received, bytes lost) and the serial link's (frames each way, frames
// dropped as corrupt).

import type { CborWriter } from "../cbor/writer.ts";
import type { Link } from "../link.ts";
import type { Uart } from "../uart.ts";
import { uartDropped } from "../uart-dropped.ts";
import type { StatsSource } from "./stats-group.ts";

export class UartStats implements StatsSource {
  readonly name = "uart";

  constructor(private readonly uart: Uart) {}

  writeFields(writer: CborWriter): void {
    writer.map(2);
    writer.text("received");
    writer.uint(this.uart.received);
    writer.text("dropped");
    writer.uint(uartDropped());
  }
}

export class LinkStats implements StatsSource {
  readonly name = "link";

  constructor(private readonly link: Link) {}

  writeFields(writer: CborWriter): void {
    const link = this.link;
    writer.map(3);
    writer.text("sent");
    writer.uint(link.sent);
    writer.text("received");
    writer.uint(link.received);
    writer.text("corrupt");
    writer.uint(link.corrupt);
  }
}
