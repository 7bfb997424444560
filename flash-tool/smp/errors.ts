// SMP errors as one type. A device answers an error in one of two styles (smp_protocol.rst):
// the original `{"rc": n}` with n from the management error table below, or SMP version 2's
// `{"err": {"group": g, "rc": n}}` where n is the group's own code. Both become SmpError.

import { SmpGroup } from "./packet.ts";

/** MGMT_ERR_* (smp_protocol.rst, "Minimal response"; ../shared/PROTOCOLS.md). */
export const MGMT_ERRORS: Readonly<Record<number, string>> = {
  0: "ok",
  1: "unknown error",
  2: "out of memory",
  3: "invalid value",
  4: "timeout",
  5: "no such entry",
  6: "bad state",
  7: "message too large",
  8: "not supported",
  9: "corrupt",
  10: "busy",
  11: "access denied",
};

const GROUP_NAMES = new Map<number, string>(Object.entries(SmpGroup).map(([name, id]) => [id, name.toLowerCase().replace("_", " ")]));

/** "image", "os", … or "group 70". */
export function groupName(group: number): string {
  return GROUP_NAMES.get(group) ?? `group ${group}`;
}

/** The device refused a request. */
export class SmpError extends Error {
  constructor(
    /** What was asked, e.g. "image upload". */
    readonly request: string,
    readonly rc: number,
    /** Set for a version-2 error: the group whose code `rc` is. */
    readonly group?: number,
    /** The device's own words on why ("rsn"), when it gave them. */
    readonly reason?: string,
  ) {
    super((group === undefined
      ? `${request}: the device answered error ${rc} (${MGMT_ERRORS[rc] ?? "an error code SMP does not define"})`
      : `${request}: the device answered error ${rc} of the ${groupName(group)} group`) + (reason ? `: ${reason}` : ""));
  }
}

/** No answer in time, after every retry. */
export class SmpTimeoutError extends Error {}

/**
 * The error a response body carries, or undefined if it is a success: a non-zero `rc`, or an
 * `err` map with a non-zero `rc`.
 */
export function errorIn(body: Record<string, unknown>, request: string): SmpError | undefined {
  const err = body.err;
  if (err !== null && typeof err === "object" && !Array.isArray(err)) {
    const { group, rc } = err as Record<string, unknown>;
    if (typeof rc === "number" && rc !== 0) return new SmpError(request, rc, typeof group === "number" ? group : undefined);
  }
  if (typeof body.rc === "number" && body.rc !== 0) return new SmpError(request, body.rc, undefined, typeof body.rsn === "string" ? body.rsn : undefined);
  return undefined;
}
