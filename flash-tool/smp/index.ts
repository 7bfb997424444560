// flash-tool/smp: the SMP (mcumgr) protocol, host side — the serial transport, packets, CBOR
// bodies, errors and SmpClient. One import for library users. (CRC-16/XMODEM is
// sdk/lib/link/crc16.ts, shared with the device.)

export * from "./serial-transport.ts";
export * from "./packet.ts";
export * from "./cbor.ts";
export * from "./errors.ts";
export * from "./commands.ts";
export * from "./upload-chunks.ts";
export * from "./client.ts";
