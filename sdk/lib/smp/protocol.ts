// SMP (the mcumgr Simple Management Protocol) as numbers: the header's operations, the
// management groups and commands the device serves, and the error codes of a minimal
// response. Source: Zephyr doc/services/device_mgmt/smp_protocol.rst and
// smp_groups/smp_group_0.rst (OS), smp_group_2.rst (statistics); ../shared/PROTOCOLS.md "SMP".
//
// Device TypeScript; the host's client (flash-tool/smp) takes its numbers from here too.

/** Header byte 0, bits 2–0. A response is its request's operation + 1. */
export const OP_READ = 0;
export const OP_READ_RESPONSE = 1;
export const OP_WRITE = 2;
export const OP_WRITE_RESPONSE = 3;

/** Header byte 0, bits 4–3: 0 the original protocol, 1 SMP version 2. */
export const VERSION_1 = 0;
export const VERSION_2 = 1;

export const HEADER_SIZE = 8;

/** Management groups. 64 and above are for the application: mote's diagnostics is 64. */
export const GROUP_OS = 0;
export const GROUP_IMAGE = 1;
export const GROUP_STATS = 2;
export const GROUP_SETTINGS = 3;
export const GROUP_FS = 8;
export const GROUP_SHELL = 9;
export const GROUP_ZEPHYR_BASIC = 63;
export const GROUP_MOTE = 64;

/** OS group commands. */
export const OS_ECHO = 0;
export const OS_TASK_STATS = 2;
export const OS_MEMORY_POOL_STATS = 3;
export const OS_RESET = 5;
export const OS_MCUMGR_PARAMS = 6;
export const OS_INFO = 7;
export const OS_BOOTLOADER_INFO = 8;

/** Image group commands (served by mote-boot's recovery and, later, the libOS). */
export const IMAGE_STATE = 0;
export const IMAGE_UPLOAD = 1;
export const IMAGE_ERASE = 5;

/** Statistics group commands. */
export const STATS_READ = 0;
export const STATS_LIST = 1;

/** mote group commands: 0 the device's diagnostics (heap, loop lag, uptime, reset reason,
 *  kept crash), in the keys of telemetry's status (PROTOCOLS.md "MQTT topics and payloads"). */
export const MOTE_DIAGNOSTICS = 0;

/** MGMT_ERR_*: the `rc` of a minimal response `{"rc": n}`. */
export const MGMT_ERR_OK = 0;
export const MGMT_ERR_EUNKNOWN = 1;
export const MGMT_ERR_ENOMEM = 2;
export const MGMT_ERR_EINVAL = 3;
export const MGMT_ERR_ETIMEOUT = 4;
export const MGMT_ERR_ENOENT = 5;
export const MGMT_ERR_EBADSTATE = 6;
export const MGMT_ERR_EMSGSIZE = 7;
export const MGMT_ERR_ENOTSUP = 8;
