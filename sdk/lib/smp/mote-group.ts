// mote's management group (64, the first id SMP leaves to applications): the device's
// diagnostics in one answer — who it is, heap, event-loop lag, uptime, why it reset and the
// crash report kept from before the reset: {"id"} and the entries of device-health.ts, which
// telemetry's status carries too, so the host reads both with one decoder.

import { DEVICE_ID } from "mote/board";
import type { CborWriter } from "../cbor/writer.ts";
import { HEALTH_ENTRIES, writeCrash, writeHealth } from "../device-health.ts";
import { keptCrash } from "../rt/crash-record.ts";
import type { SmpHandler } from "./handler.ts";
import { MGMT_ERR_ENOTSUP, MOTE_DIAGNOSTICS } from "./protocol.ts";
import type { SmpRequest } from "./request.ts";

export class MoteGroup implements SmpHandler {
  handle(request: SmpRequest, writer: CborWriter): number {
    if (request.command !== MOTE_DIAGNOSTICS) return MGMT_ERR_ENOTSUP;
    const crash = keptCrash();
    writer.map(1 + HEALTH_ENTRIES + (crash === undefined ? 0 : 1));
    writer.text("id");
    writer.text(DEVICE_ID);
    writeHealth(writer);
    if (crash !== undefined) writeCrash(writer, crash);
    return 0;
  }
}
