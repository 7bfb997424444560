// A SPI NOR flash chip, as the harness puts one behind rp2040js's SSI (sdk/sim/rp2040.ts): a
// Winbond W25Q16JV as on the Pico, modelled from its datasheet (the instruction set table,
// the instructions' descriptions, the AC electrical characteristics). Its memory is the array rp2040js reads
// XIP fetches from, so what the chip writes is what the core then reads.
//
// What the chip does that matters to software: a command starts when chip select goes low
// and takes effect when it goes high; erase and program need Write Enable first (WEL, cleared
// once they start); programming clears bits only (old & new) and wraps within its 256-byte
// page; while the chip is busy (status register 1, BUSY) it ignores everything but Read
// Status. Busy times are the datasheet's typical ones, in simulated time, and the work lands
// progressively: a power cut (settle() at the cut, then the memory is saved) leaves a sector
// partly erased or a page partly programmed, as real flash may.
//
// Checked against what the RP2040's boot ROM (B1) sends, run in rp2040js with this model
// behind the SSI and its traffic logged (the ROM itself is not part of mote: rp2040js ships
// none): flash_exit_xip clocks out 0x00s and then 0xFF 0xFF (leaving continuous-read mode,
// no-ops here); flash_range_erase sends 06h, then 20h with a 24-bit address for a 4 KB
// count, then 05h and one byte, again and again until BUSY clears; flash_range_program sends
// 06h, 02h, the address and the page's bytes, then polls 05h the same way. All of it with
// chip select from IO_QSPI's override, one byte received for each sent. The driver's own
// routine (boards/chips/rp2040/flash-routine.ts) sends the same commands.

/** Instructions (the datasheet's instruction set table). */
const WRITE_ENABLE = 0x06;
const WRITE_DISABLE = 0x04;
const READ_STATUS_1 = 0x05;
const READ_STATUS_2 = 0x35;
const READ_STATUS_3 = 0x15;
const READ_DATA = 0x03;
const FAST_READ = 0x0b;
const PAGE_PROGRAM = 0x02;
const SECTOR_ERASE_4K = 0x20;
const BLOCK_ERASE_32K = 0x52;
const BLOCK_ERASE_64K = 0xd8;
const CHIP_ERASE = 0xc7;
const CHIP_ERASE_ALTERNATE = 0x60;
const JEDEC_ID = 0x9f;
const RELEASE_POWER_DOWN = 0xab;
const ENABLE_RESET = 0x66;
const RESET_DEVICE = 0x99;
/** What the boot ROM's flash_exit_xip clocks out to end a continuous-read (XIP) mode: no-ops
 *  for a chip that is not in one. */
const XIP_MODE_EXIT_ZERO = 0x00;
const CONTINUOUS_READ_MODE_RESET = 0xff;
/** Manufacturer Winbond, memory type, capacity 2^21 bytes (Read JEDEC ID, 9Fh). */
const JEDEC_ID_BYTES = [0xef, 0x40, 0x15];
const STATUS_BUSY = 1 << 0;
const STATUS_WEL = 1 << 1;
const PAGE_BYTES = 256;
const ADDRESS_BYTES = 3;
/** Typical times (AC electrical characteristics): tPP 0.4 ms, tSE 45 ms, tBE1 120 ms, tBE2 150 ms, tCE 5 s. */
const PAGE_PROGRAM_NANOS = 0.4e6;
const SECTOR_ERASE_NANOS = 45e6;
const BLOCK_ERASE_32K_NANOS = 120e6;
const BLOCK_ERASE_64K_NANOS = 150e6;
const CHIP_ERASE_NANOS = 5e9;

const ERASE_BYTES: Record<number, number> = { [SECTOR_ERASE_4K]: 4096, [BLOCK_ERASE_32K]: 32768, [BLOCK_ERASE_64K]: 65536 };
const ERASE_NANOS: Record<number, number> = { [SECTOR_ERASE_4K]: SECTOR_ERASE_NANOS, [BLOCK_ERASE_32K]: BLOCK_ERASE_32K_NANOS, [BLOCK_ERASE_64K]: BLOCK_ERASE_64K_NANOS };

/** Work the chip is doing: bytes to set, one after the other over [start, end) in time. */
interface Operation {
  start: number;
  end: number;
  /** Offsets in memory and the value each gets (erase: 0xFF; program: old & new). */
  offsets: number[];
  values: number[];
  applied: number;
}

/** One thing the chip was told, for a test or a log: the command and its address. */
export interface FlashCommand { command: number; address?: number; bytes?: number }

export class SpiNorFlash {
  private selected = false;
  /** The bytes of the current transaction, command first. */
  private transaction: number[] = [];
  private writeEnabled = false;
  private busy: Operation | undefined;
  /** Commands the chip did not know (each noted once by the harness). */
  readonly unknownCommands = new Set<number>();
  /** Every command, when recording. */
  log: FlashCommand[] | undefined;
  /** Told when the chip becomes busy until `nanos` (simulated): a harness settles the work
   *  then, so that memory reads after it see it all without a status read first. */
  onBusyUntil: ((nanos: number) => void) | undefined;

  /** `memory`: the chip's contents (rp2040js's flash array); `size`: the chip's capacity;
   *  `now`: simulated time in nanoseconds. */
  constructor(readonly memory: Uint8Array, readonly size: number, private readonly now: () => number) {}

  /** Chip select low. */
  select(): void {
    if (this.selected) return;
    this.settle();
    this.selected = true;
    this.transaction = [];
  }

  /** Chip select high: erase, program and the write-enable latch take effect now. */
  deselect(): void {
    if (!this.selected) return;
    this.selected = false;
    const [command, ...rest] = this.transaction;
    if (command === undefined) return;
    const address = rest.length >= ADDRESS_BYTES ? ((rest[0] << 16) | (rest[1] << 8) | rest[2]) % this.size : undefined;
    this.log?.push({ command, address, bytes: rest.length > ADDRESS_BYTES ? rest.length - ADDRESS_BYTES : undefined });
    if (this.busy) return; // only Read Status while busy
    switch (command) {
      case WRITE_ENABLE: this.writeEnabled = true; return;
      case WRITE_DISABLE: this.writeEnabled = false; return;
      case PAGE_PROGRAM:
        if (!this.writeEnabled || address === undefined || rest.length <= ADDRESS_BYTES) return;
        this.startProgram(address, rest.slice(ADDRESS_BYTES));
        return;
      case SECTOR_ERASE_4K: case BLOCK_ERASE_32K: case BLOCK_ERASE_64K:
        if (!this.writeEnabled || address === undefined) return;
        this.startErase(address - (address % ERASE_BYTES[command]), ERASE_BYTES[command], ERASE_NANOS[command]);
        return;
      case CHIP_ERASE: case CHIP_ERASE_ALTERNATE:
        if (this.writeEnabled) this.startErase(0, this.size, CHIP_ERASE_NANOS);
        return;
    }
  }

  /** One byte each way while selected: what the chip shifts out for the byte shifted in. */
  transfer(byte: number): number {
    if (!this.selected) return 0xff;
    this.transaction.push(byte & 0xff);
    const index = this.transaction.length - 1;
    const command = this.transaction[0];
    if (index === 0) {
      if (!KNOWN_COMMANDS.has(command)) this.unknownCommands.add(command);
      return 0xff;
    }
    switch (command) {
      case READ_STATUS_1: return this.status();
      case READ_STATUS_2: case READ_STATUS_3: return 0;
      case JEDEC_ID: return JEDEC_ID_BYTES[index - 1] ?? 0xff;
      case READ_DATA: case FAST_READ: {
        const dummy = command === FAST_READ ? 1 : 0;
        const dataIndex = index - 1 - ADDRESS_BYTES - dummy;
        if (dataIndex < 0 || this.busy) return 0xff;
        const t = this.transaction;
        return this.memory[(((t[1] << 16) | (t[2] << 8) | t[3]) + dataIndex) % this.size];
      }
    }
    return 0xff;
  }

  /** Applies the work the chip has done by now; ends the busy state once it is all done. */
  settle(): void {
    const op = this.busy;
    if (!op) return;
    const now = this.now();
    const total = op.offsets.length;
    const due = now >= op.end ? total : Math.floor((total * (now - op.start)) / (op.end - op.start));
    for (; op.applied < due; op.applied++) this.memory[op.offsets[op.applied]] = op.values[op.applied];
    if (now >= op.end) this.busy = undefined;
  }

  /** Status register 1: BUSY and WEL. */
  private status(): number {
    this.settle();
    return (this.busy ? STATUS_BUSY : 0) | (this.writeEnabled ? STATUS_WEL : 0);
  }

  private startProgram(address: number, data: number[]): void {
    const pageStart = address - (address % PAGE_BYTES);
    // More than a page: only the last 256 bytes count (Page Program, 02h).
    const bytes = data.slice(-PAGE_BYTES);
    const offsets: number[] = [];
    const values: number[] = [];
    bytes.forEach((byte, i) => {
      const at = pageStart + ((address - pageStart + i) % PAGE_BYTES);
      offsets.push(at);
      values.push(this.memory[at] & byte);
    });
    this.begin(offsets, values, PAGE_PROGRAM_NANOS);
  }

  private startErase(start: number, length: number, nanos: number): void {
    const offsets = Array.from({ length }, (_, i) => start + i);
    this.begin(offsets, new Array<number>(length).fill(0xff), nanos);
  }

  private begin(offsets: number[], values: number[], nanos: number): void {
    this.writeEnabled = false;
    const start = this.now();
    this.busy = { start, end: start + nanos, offsets, values, applied: 0 };
    this.onBusyUntil?.(start + nanos);
  }
}

const KNOWN_COMMANDS = new Set([WRITE_ENABLE, WRITE_DISABLE, READ_STATUS_1, READ_STATUS_2, READ_STATUS_3, READ_DATA, FAST_READ,
  PAGE_PROGRAM, SECTOR_ERASE_4K, BLOCK_ERASE_32K, BLOCK_ERASE_64K, CHIP_ERASE, CHIP_ERASE_ALTERNATE, JEDEC_ID,
  RELEASE_POWER_DOWN, ENABLE_RESET, RESET_DEVICE, XIP_MODE_EXIT_ZERO, CONTINUOUS_READ_MODE_RESET]);
