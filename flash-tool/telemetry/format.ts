// How readings and statuses read in `mote telemetry`: one line per reading for a person,
//   12:00:01.234 pico-1 temperature 23.5  (seq 17)
// one JSON object per line for scripts, and the one-line device summary of the plot view.

import type { DeviceStatus, Reading } from "./payload.ts";

/** Local wall-clock time with milliseconds: 12:00:01.234. */
export function clock(date: Date): string {
  const two = (n: number) => String(n).padStart(2, "0");
  return `${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}.${String(date.getMilliseconds()).padStart(3, "0")}`;
}

/** A value as a person reads it: numbers as JavaScript prints them, text as is, bytes in hex. */
export function formatValue(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
  if (value === null || value === undefined) return String(value);
  return JSON.stringify(toJson(value));
}

/** `12:00:01.234 pico-1 temperature 23.5  (seq 17)`; fields as name=value. */
export function formatReading(reading: Reading): string {
  const shown = reading.fields
    ? Object.entries(reading.fields).map(([key, value]) => `${key}=${formatValue(value)}`).join(" ")
    : formatValue(reading.value);
  const note = reading.outOfOrder ? ", out of order" : "";
  return `${clock(reading.receivedAt)} ${reading.device} ${reading.name} ${shown}  (seq ${reading.seq}${note})`;
}

/** The device's state in one line, without the time: what the plot view shows per device. */
export function formatStatusSummary(status: DeviceStatus): string {
  if (!status.online) return `${status.device}: offline`;
  const parts: string[] = [];
  const identity = [status.version !== undefined ? `v${status.version}` : undefined, status.board !== undefined ? `on ${status.board}` : undefined].filter(Boolean).join(" ");
  if (identity) parts.push(identity);
  if (status.boot !== undefined) parts.push(`boot ${status.boot}${status.resetReason ? ` (reset: ${status.resetReason})` : ""}`);
  else if (status.resetReason) parts.push(`reset: ${status.resetReason}`);
  if (status.uptime !== undefined) parts.push(`up ${formatDuration(status.uptime)}`);
  if (status.heapUsed !== undefined || status.heapFree !== undefined) parts.push(`heap ${status.heapUsed ?? "?"} B used, ${status.heapFree ?? "?"} B free`);
  if (status.loopLag !== undefined) parts.push(`loop lag ${status.loopLag} ms`);
  if (status.dropped !== undefined) parts.push(`${status.dropped} dropped`);
  if (status.waiting !== undefined) parts.push(`${status.waiting} waiting`);
  if (status.crash) parts.push(`crashed before this boot (${status.crash.kind})`);
  return `${status.device}: online${parts.length > 0 ? `, ${parts.join(", ")}` : ""}`;
}

/** `12:00:01.234 pico-1 status: online, v1.2.0 on pico, …`. */
export function formatStatus(status: DeviceStatus): string {
  const summary = formatStatusSummary(status);
  return `${clock(status.receivedAt)} ${status.device} status:${summary.slice(status.device.length + 1)}`;
}

function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  const seconds = ms / 1000;
  if (seconds < 120) return `${Number(seconds.toFixed(1))} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 120) return `${minutes} min ${Math.floor(seconds % 60)} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/**
 * A decoded CBOR value as JSON can carry it: bytes as hex text, integers beyond 2^53 as
 * decimal text, NaN and ±Infinity as text, tags as { tag, value }.
 */
export function toJson(value: unknown): unknown {
  if (typeof value === "bigint") return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (typeof value === "number") return Number.isFinite(value) ? value : String(value);
  if (value instanceof Uint8Array) return Buffer.from(value).toString("hex");
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(toJson);
  if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [String(k), toJson(v)]));
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).map(([k, v]) => [k, toJson(v)] as const);
    return Object.fromEntries(entries);
  }
  return value;
}

/** The JSON line of a reading: { type: "reading", device, name, seq, boot, t, value | fields, receivedAt }. */
export function readingJson(reading: Reading): Record<string, unknown> {
  const json: Record<string, unknown> = { type: "reading", device: reading.device, name: reading.name, seq: reading.seq, boot: reading.boot, t: reading.t };
  if (reading.fields) json.fields = toJson(reading.fields);
  else json.value = toJson(reading.value);
  json.receivedAt = reading.receivedAt.toISOString();
  if (reading.outOfOrder) json.outOfOrder = true;
  return json;
}

/** The JSON line of a status: { type: "status", device, online, …, receivedAt }. */
export function statusJson(status: DeviceStatus, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const { receivedAt, crash, ...rest } = status;
  const json: Record<string, unknown> = { type: "status", ...rest };
  if (crash) json.crash = { ...crash, ...extra };
  json.receivedAt = receivedAt.toISOString();
  return json;
}
