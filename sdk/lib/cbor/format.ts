// CBOR's initial byte (RFC 8949 §3): the major type in the top three bits, the additional
// information in the low five. Shared by the writer and the reader.

/** Major types (RFC 8949 §3.1), already shifted into the initial byte's top three bits. */
export const MAJOR_UNSIGNED = 0x00;
export const MAJOR_NEGATIVE = 0x20;
export const MAJOR_BYTES = 0x40;
export const MAJOR_TEXT = 0x60;
export const MAJOR_ARRAY = 0x80;
export const MAJOR_MAP = 0xa0;
export const MAJOR_TAG = 0xc0;
export const MAJOR_SIMPLE = 0xe0;

/** Additional information values (§3): an argument in the next 1, 2, 4 or 8 bytes. */
export const ARGUMENT_1 = 24;
export const ARGUMENT_2 = 25;
export const ARGUMENT_4 = 26;
export const ARGUMENT_8 = 27;

/** Simple values (§3.3). */
export const SIMPLE_FALSE = 20;
export const SIMPLE_TRUE = 21;
export const SIMPLE_NULL = 22;
export const SIMPLE_UNDEFINED = 23;

/** Additional information 31: an indefinite length (§3.2.2, §3.2.3), or, in major type 7, the break (§3.2.1). */
export const INDEFINITE = 31;
/** The break stop code, 0xff (§3.2.1). */
export const BREAK = 0xff;
