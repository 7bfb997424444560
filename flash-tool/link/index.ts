// The host's end of the serial link (DESIGN.md, "One UART, three streams"). The frame
// format, its reader and the stream control messages are the device's own code
// (sdk/lib/link/…, device TypeScript that runs on Node unchanged), so both ends agree by
// construction; this module names them for host code.

export {
  CHANNEL_CONTROL, CHANNEL_MQTT, MAX_PAYLOAD, OP_CLOSE, OP_OPEN, OP_OPENED, Frame, FrameReader, encodeFrame,
} from "../../sdk/lib/link/frame.ts";
