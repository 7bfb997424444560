// The statistics management group (2), smp_group_2.rst: the names of the device's counter
// groups (list) and one group's counters (read). Each group is a StatsSource; the device's
// are the SMP server's own, the UART's and the link's (smp/device-stats.ts).

import type { CborWriter } from "../cbor/writer.ts";
import type { SmpHandler } from "./handler.ts";
import { MGMT_ERR_EINVAL, MGMT_ERR_ENOENT, MGMT_ERR_ENOTSUP, STATS_LIST, STATS_READ } from "./protocol.ts";
import type { SmpRequest } from "./request.ts";
import type { SerialFrameReader } from "./serial-transport.ts";
import type { SmpServer } from "./server.ts";

/** A named group of counters. */
export interface StatsSource {
  readonly name: string;
  /** Writes the counters as one map: names to unsigned integers. */
  writeFields(writer: CborWriter): void;
}

export class StatsGroup implements SmpHandler {
  constructor(private readonly sources: StatsSource[]) {}

  handle(request: SmpRequest, writer: CborWriter): number {
    const sources = this.sources;
    if (request.command === STATS_LIST) {
      writer.map(1);
      writer.text("stat_list");
      writer.array(sources.length);
      for (const source of sources) writer.text(source.name);
      return 0;
    }
    if (request.command !== STATS_READ) return MGMT_ERR_ENOTSUP;
    const name = request.body["name"];
    if (typeof name !== "string") return MGMT_ERR_EINVAL;
    for (const source of sources) {
      if (source.name !== name) continue;
      writer.map(2);
      writer.text("name");
      writer.text(name);
      writer.text("fields");
      source.writeFields(writer);
      return 0;
    }
    return MGMT_ERR_ENOENT;
  }
}

/** The SMP server's own counters: frames read and dropped by the transport, requests. */
export class SmpStats implements StatsSource {
  readonly name = "smp";

  constructor(private readonly reader: SerialFrameReader, private readonly server: SmpServer) {}

  writeFields(writer: CborWriter): void {
    const reader = this.reader;
    const server = this.server;
    writer.map(8);
    writer.text("frames");
    writer.uint(reader.frames);
    writer.text("bad_crc");
    writer.uint(reader.badCrc);
    writer.text("bad_base64");
    writer.uint(reader.badBase64);
    writer.text("oversize");
    writer.uint(reader.oversize);
    writer.text("broken");
    writer.uint(reader.broken);
    writer.text("requests");
    writer.uint(server.requests);
    writer.text("errors");
    writer.uint(server.errors);
    writer.text("dropped");
    writer.uint(server.dropped);
  }
}
