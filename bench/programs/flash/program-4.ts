// The baseline and four 256-byte page programs.
import { flash } from "mote";
const bytes = new Uint8Array(1);
if (bytes[0] !== 0) console.log("never");
flash.program(flash.freeStart, bytes);
const page = new Uint8Array(256);
for (let i = 0; i < 4; i++) flash.program(flash.freeStart + flash.pageSize * (i + 1), page);
