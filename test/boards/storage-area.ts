// The storage's settings area seen from the host, through the format's own functions
// (sdk/lib/storage/format.ts, which run on Node as they do on a device): what the storage
// tests read in a flash file (each sector's sequence, whether it is retired) and write into
// one (a ring already full of records, so that a test starts where compaction happens at
// once instead of spending simulated seconds on erases to get there).

import type { Board } from "../../boards/types.ts";
import { crc16 } from "../../sdk/lib/link/crc16.ts";
import {
  ERASED, KIND_STRING, MARKED, MAX_RECORD_BYTES, RECORD_COMMIT, RECORD_HEADER_BYTES, SECTOR_HEADER_BYTES, SECTOR_RETIRED, sectorSequence,
  setRecordCrc, writeRecordHeader, writeSectorHeader,
} from "../../sdk/lib/storage/format.ts";

export const SECTOR = 4096;

export function settingsOf(board: Board): { offset: number; size: number } {
  const settings = board.flashLayout?.settings;
  if (!settings) throw new Error(`board '${board.id}' has no settings area`);
  return settings;
}

/** How many sectors the board's settings area has. */
export function sectorCount(board: Board): number {
  return settingsOf(board).size / SECTOR;
}

/** The live bytes the board's storage holds at most (sdk/lib/storage/log.ts: all but two
 *  sectors, each less its header and room for the largest record). */
export function capacityOf(board: Board): number {
  return (sectorCount(board) - 2) * (SECTOR - SECTOR_HEADER_BYTES - MAX_RECORD_BYTES);
}

export interface SectorState { sequence: number; retired: boolean }

/** Each settings sector's header as the flash file has it (sequence -1: no valid header). */
export function sectorsOf(flash: Uint8Array, board: Board): SectorState[] {
  const { offset, size } = settingsOf(board);
  const sectors: SectorState[] = [];
  for (let at = offset; at < offset + size; at += SECTOR) {
    const header = flash.slice(at, at + SECTOR_HEADER_BYTES);
    sectors.push({ sequence: sectorSequence(header), retired: header[SECTOR_RETIRED] !== ERASED });
  }
  return sectors;
}

/** Whether the flash shows a compaction under way: the sector after the newest one holds
 *  records (valid, not retired) and is the oldest. */
export function compactionUnderway(flash: Uint8Array, board: Board): boolean {
  const sectors = sectorsOf(flash, board);
  const live = sectors.map((s) => (s.sequence >= 0 && !s.retired ? s.sequence : -1));
  const newest = live.indexOf(Math.max(...live));
  const after = live[(newest + 1) % live.length];
  return after >= 0 && after === Math.min(...live.filter((s) => s >= 0));
}

/** One string record, committed, as the device writes it. */
export function stringRecord(key: string, value: string): Buffer {
  const keyBytes = Buffer.from(key, "utf8");
  const valueBytes = Buffer.from(value, "utf8");
  const record = Buffer.alloc(RECORD_HEADER_BYTES + keyBytes.length + valueBytes.length);
  let crc = writeRecordHeader(record, KIND_STRING, keyBytes.length, valueBytes.length);
  keyBytes.copy(record, RECORD_HEADER_BYTES);
  valueBytes.copy(record, RECORD_HEADER_BYTES + keyBytes.length);
  crc = crc16(record, RECORD_HEADER_BYTES, record.length, crc);
  setRecordCrc(record, crc);
  record[RECORD_COMMIT] = MARKED;
  return record;
}

/**
 * A whole flash (0xFF) whose settings area is a ring full but for its last sector: sectors
 * 0 to n-2 hold `records` in order (each sector filled as far as the next record fits), the
 * last sector is free. The device's next record opens the last sector and compacts sector 0.
 */
export function fullRing(board: Board, records: (i: number) => Buffer): Buffer {
  const { offset, size } = settingsOf(board);
  const flash = Buffer.alloc(board.chip.flash.length, ERASED);
  const sectors = size / SECTOR;
  let i = 0;
  let next = records(i);
  for (let s = 0; s < sectors - 1; s++) {
    const start = offset + s * SECTOR;
    const header = new Uint8Array(SECTOR_HEADER_BYTES);
    writeSectorHeader(header, s + 1);
    flash.set(header, start);
    let at = start + SECTOR_HEADER_BYTES;
    while (at + next.length <= start + SECTOR) {
      next.copy(flash, at);
      at += next.length;
      next = records(++i);
    }
  }
  return flash;
}
