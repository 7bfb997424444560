// flash-tool/image: MCUboot images — build, sign, parse, verify — and the slot trailer.
// One import for library users: everything below, e.g. signImage, verifyImage, trailerLayout.

export * from "./header.ts";
export * from "./tlv.ts";
export * from "./keys.ts";
export * from "./sign.ts";
export * from "./parse.ts";
export * from "./verify.ts";
export * from "./trailer.ts";
export * from "./board-image.ts";
export * from "./elf-input.ts";
