// sdk/lib/crypto/field-multiply.ts is generated (generate-field-multiply.ts says why, and
// refuses to write an intermediate that can pass 2^30 - 1): it must be what the generator
// writes today.

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { FIELD_MULTIPLY_FILE, fieldMultiplySource } from "../../sdk/lib/crypto/generate-field-multiply.ts";

describe("the generated field multiplication", () => {
  it("is current (regenerate with: node --import tsx sdk/lib/crypto/generate-field-multiply.ts)", () => {
    expect(readFileSync(FIELD_MULTIPLY_FILE, "utf8")).toBe(fieldMultiplySource());
  });
});
