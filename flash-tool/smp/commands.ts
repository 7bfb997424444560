// The SMP commands the client speaks, with their ids (the device's, sdk/lib/smp/protocol.ts)
// and the shapes of their answers.
// Sources: Zephyr doc/services/device_mgmt/smp_groups/smp_group_0.rst (OS),
// smp_group_1.rst (image), smp_group_2.rst (statistics).

import {
  IMAGE_ERASE, IMAGE_STATE, IMAGE_UPLOAD, MOTE_DIAGNOSTICS, OS_BOOTLOADER_INFO, OS_ECHO, OS_INFO, OS_MCUMGR_PARAMS, OS_MEMORY_POOL_STATS,
  OS_RESET, OS_TASK_STATS, STATS_LIST, STATS_READ,
} from "../../sdk/lib/smp/protocol.ts";

/** OS group (0) command ids. */
export const OsCommand = {
  ECHO: OS_ECHO, TASK_STATS: OS_TASK_STATS, MEMORY_POOL_STATS: OS_MEMORY_POOL_STATS, RESET: OS_RESET, MCUMGR_PARAMS: OS_MCUMGR_PARAMS,
  OS_INFO, BOOTLOADER_INFO: OS_BOOTLOADER_INFO,
} as const;
/** Image group (1) command ids. */
export const ImageCommand = { STATE: IMAGE_STATE, UPLOAD: IMAGE_UPLOAD, ERASE: IMAGE_ERASE } as const;
/** Statistics group (2) command ids. */
export const StatsCommand = { READ: STATS_READ, LIST: STATS_LIST } as const;
/** mote's group (64) command ids: the device's diagnostics (sdk/lib/smp/mote-group.ts). */
export const MoteCommand = { DIAGNOSTICS: MOTE_DIAGNOSTICS } as const;

/** One slot as the image state command reports it. */
export interface ImageSlotState {
  /** Image number on multi-image devices (absent means 0). */
  image: number;
  slot: number;
  version: string;
  /** The image's SHA256 TLV: what test and confirm name it by. */
  hash?: Uint8Array;
  bootable: boolean;
  pending: boolean;
  confirmed: boolean;
  active: boolean;
  permanent: boolean;
}

/** A response body that lacks what the command promises. */
export class SmpResponseError extends Error {}

/** Reads `{"images": [...]}` leniently: absent flags are false (a device may leave them out). */
export function imageStates(body: Record<string, unknown>, request: string): ImageSlotState[] {
  if (!Array.isArray(body.images)) throw new SmpResponseError(`${request}: the device's answer has no "images" list`);
  return body.images.map((entry: Record<string, unknown>) => ({
    image: typeof entry.image === "number" ? entry.image : 0,
    slot: typeof entry.slot === "number" ? entry.slot : 0,
    version: typeof entry.version === "string" ? entry.version : "",
    hash: entry.hash instanceof Uint8Array ? new Uint8Array(entry.hash) : undefined,
    bootable: entry.bootable === true,
    pending: entry.pending === true,
    confirmed: entry.confirmed === true,
    active: entry.active === true,
    permanent: entry.permanent === true,
  }));
}

/** mcumgr params: the device's SMP buffer size and count. */
export interface McumgrParams { bufSize: number; bufCount: number }
