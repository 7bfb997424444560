// What a management group implements to be served (SmpServer.register): one method that
// answers a command. An app adds its own group the same way, with an id of 64 or above
// other than mote's (smp/protocol.ts).

import type { CborWriter } from "../cbor/writer.ts";
import type { SmpRequest } from "./request.ts";

export interface SmpHandler {
  /**
   * Answers `request`: writes the response's map into `writer` and returns 0 (MGMT_ERR_OK),
   * or returns an MGMT_ERR code having written nothing — the server then answers `{"rc": n}` —
   * or having written `{"rc": n, "rsn": reason}` itself, to say why.
   * A command the group does not have is MGMT_ERR_ENOTSUP; a body without the fields the
   * command needs, MGMT_ERR_EINVAL. An exception is answered MGMT_ERR_EUNKNOWN.
   */
  handle(request: SmpRequest, writer: CborWriter): number;
}
