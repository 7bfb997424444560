// Echoes what arrives on the console UART, upper-cased, a line at a time: type into
// `mote run` (or send from a test) and each line comes back. It says when it listens: bytes
// sent before a UART is set up are lost, on a real chip as in a simulator.
import { uart } from "mote";

uart.open(115200);
let line = "";
uart.onData((bytes) => {
  for (const byte of bytes) {
    if (byte === 10) {
      console.log(line.toUpperCase());
      line = "";
    } else if (byte !== 13) {
      line += String.fromCharCode(byte);
    }
  }
});
console.log("echo: type a line");
