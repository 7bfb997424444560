// The one error mote/cbor throws: malformed or truncated input, a value the codec cannot
// represent, or a value the program's numbers cannot hold. A decoding error's message ends
// with the byte offset in the input ("… at offset 12") so a bad packet can be found in a capture.

/** A CBOR encoding or decoding error. `offset`: the byte offset in the input it concerns
 *  (decoding), or the writer's length when it happened (encoding). */
export class CborError extends Error {
  constructor(message: string, readonly offset: number) {
    super(message);
    this.name = "CborError";
  }
}
