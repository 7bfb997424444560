// Two files of sdk/lib/crypto are generated, and must be what their generators write today:
// field-multiply.ts (generate-field-multiply.ts says why it is straight-line code, and refuses
// to write an intermediate that can pass 2^30 - 1) and base-table.ts (the multiples of the
// base point, computed with BigInt by generate-base-table.ts).

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { BASE_TABLE_FILE, baseTableSource } from "../../sdk/lib/crypto/generate-base-table.ts";
import { FIELD_MULTIPLY_FILE, fieldMultiplySource } from "../../sdk/lib/crypto/generate-field-multiply.ts";

describe("the generated parts of mote/crypto", () => {
  it("field-multiply.ts is current (regenerate: node --import tsx sdk/lib/crypto/generate-field-multiply.ts)", () => {
    expect(readFileSync(FIELD_MULTIPLY_FILE, "utf8")).toBe(fieldMultiplySource());
  });

  it("base-table.ts is current (regenerate: node --import tsx sdk/lib/crypto/generate-base-table.ts)", () => {
    expect(readFileSync(BASE_TABLE_FILE, "utf8")).toBe(baseTableSource());
  });
});
