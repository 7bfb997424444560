// The baseline: the flash driver set up (its RAM routine copied) by programming one byte.
import { flash } from "mote";
const bytes = new Uint8Array(1);
if (bytes[0] !== 0) console.log("never");
flash.program(flash.freeStart, bytes);
