// Exactly-once at the consumer: MQTT QoS 1 delivers a reading at least once, so a reading can
// arrive twice (the device or the broker resends a PUBLISH whose acknowledgement was lost, a
// device replays its store-and-forward buffer after an outage). (device, boot, seq) names a
// reading, so the second copy is recognised and dropped here.
//
// A device sends in order, so within one boot seq only grows. A reading below the highest
// seq seen that is not a copy is still delivered, flagged out of order. A seq that jumps
// ahead leaves a gap: readings the device dropped from its full buffer (its status counts
// them) or that are still on their way.

/** What the tracker concluded about a (device, boot, seq). */
export type SequenceVerdict = "new" | "duplicate" | "out-of-order";

export interface SequenceResult {
  verdict: SequenceVerdict;
  /** For a new reading: seqs skipped since the highest one of its boot (0 when it follows
   *  on, and for the first reading seen of a boot, whose predecessors this consumer was not
   *  there for). */
  skipped: number;
  /** For a late reading: it fills a gap counted in an earlier result's `skipped` (rather
   *  than predating the first reading seen of its boot). */
  fillsGap: boolean;
}

/** How many seqs below the highest one are remembered per boot. Older ones cannot be told
 *  apart from copies and count as duplicates (a copy that late is far more likely than a
 *  reading delayed by 65536 others). */
export const SEQUENCE_WINDOW = 65536;
/** Boots remembered per device (the most recently heard from): a device's readings from the
 *  boot before a reset may still be arriving after the new boot's first. Boot ids are not
 *  ordered (sdk/lib/rt/boot-id.ts mixes a reset count with a power-on seed), so an unknown
 *  boot is always a new one. */
export const BOOTS_PER_DEVICE = 8;

interface BootState {
  /** The first seq seen of this boot: gaps are counted above it. */
  first: number;
  highest: number;
  seen: Set<number>;
}

export class SequenceTracker {
  private readonly devices = new Map<string, Map<number, BootState>>();

  /** Records a reading's identity and says whether it is new, a copy, or late. */
  observe(device: string, boot: number, seq: number): SequenceVerdict {
    return this.check(device, boot, seq).verdict;
  }

  /** observe(), and how many seqs a new reading skipped. */
  check(device: string, boot: number, seq: number): SequenceResult {
    let boots = this.devices.get(device);
    if (!boots) {
      boots = new Map();
      this.devices.set(device, boots);
    }
    let state = boots.get(boot);
    if (!state) {
      // A Map iterates in insertion order, and each use re-inserts: the first key is the boot
      // heard from least recently.
      if (boots.size >= BOOTS_PER_DEVICE) boots.delete(boots.keys().next().value!);
      state = { first: seq, highest: seq, seen: new Set([seq]) };
      boots.set(boot, state);
      return { verdict: "new", skipped: 0, fillsGap: false };
    }
    boots.delete(boot);
    boots.set(boot, state);
    if (seq > state.highest) {
      const skipped = seq - state.highest - 1;
      state.highest = seq;
      state.seen.add(seq);
      if (state.seen.size > 2 * SEQUENCE_WINDOW) forgetBelow(state, state.highest - SEQUENCE_WINDOW);
      return { verdict: "new", skipped, fillsGap: false };
    }
    if (state.seen.has(seq) || seq <= state.highest - SEQUENCE_WINDOW) return { verdict: "duplicate", skipped: 0, fillsGap: false };
    state.seen.add(seq);
    return { verdict: "out-of-order", skipped: 0, fillsGap: seq > state.first };
  }
}

function forgetBelow(state: BootState, floor: number): void {
  for (const seq of state.seen) if (seq <= floor) state.seen.delete(seq);
}
