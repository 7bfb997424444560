// The baseline and four 4 KB sector erases.
import { flash } from "mote";
const bytes = new Uint8Array(1);
if (bytes[0] !== 0) console.log("never");
flash.program(flash.freeStart, bytes);
for (let i = 0; i < 4; i++) flash.erase(flash.freeStart + flash.sectorSize * (i + 1));
