// Exactly-once at the consumer: MQTT QoS 1 delivers a reading at least once, so a reading can
// arrive twice (the device or the broker resends a PUBLISH whose acknowledgement was lost, a
// device replays its store-and-forward buffer after an outage). (device, boot, seq) names a
// reading, so the second copy is recognised and dropped here.
//
// A device sends in order, so within one boot seq only grows. A reading below the highest
// seq seen that is not a copy is still delivered, flagged out of order.

/** What the tracker concluded about a (device, boot, seq). */
export type SequenceVerdict = "new" | "duplicate" | "out-of-order";

/** How many seqs below the highest one are remembered per boot. Older ones cannot be told
 *  apart from copies and count as duplicates (a copy that late is far more likely than a
 *  reading delayed by 65536 others). */
export const SEQUENCE_WINDOW = 65536;
/** Boots remembered per device (the newest ones): a device's readings from the boot before a
 *  reset may still be arriving after the new boot's first. */
export const BOOTS_PER_DEVICE = 8;

interface BootState {
  highest: number;
  seen: Set<number>;
}

export class SequenceTracker {
  private readonly devices = new Map<string, Map<number, BootState>>();

  /** Records a reading's identity and says whether it is new, a copy, or late. */
  observe(device: string, boot: number, seq: number): SequenceVerdict {
    let boots = this.devices.get(device);
    if (!boots) {
      boots = new Map();
      this.devices.set(device, boots);
    }
    let state = boots.get(boot);
    if (!state) {
      if (boots.size >= BOOTS_PER_DEVICE) {
        const oldest = Math.min(...boots.keys());
        // A boot older than every one remembered: its readings were all seen long ago.
        if (boot < oldest) return "duplicate";
        boots.delete(oldest);
      }
      state = { highest: seq, seen: new Set([seq]) };
      boots.set(boot, state);
      return "new";
    }
    if (seq > state.highest) {
      state.highest = seq;
      state.seen.add(seq);
      if (state.seen.size > 2 * SEQUENCE_WINDOW) forgetBelow(state, state.highest - SEQUENCE_WINDOW);
      return "new";
    }
    if (state.seen.has(seq) || seq <= state.highest - SEQUENCE_WINDOW) return "duplicate";
    state.seen.add(seq);
    return "out-of-order";
  }
}

function forgetBelow(state: BootState, floor: number): void {
  for (const seq of state.seen) if (seq <= floor) state.seen.delete(seq);
}
