// An app that does not use the flash: what one-byte.ts's image is compared with.
const bytes = new Uint8Array(1);
if (bytes[0] !== 0) console.log("never");
