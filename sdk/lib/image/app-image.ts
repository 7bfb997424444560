// `import { image } from "mote"`: what an app needs of the update machinery (issue 10). After
// an update, mote-boot runs the new image once in test state; unless the app confirms it, the
// next reset brings the old image back. So an app calls `image.confirm()` once it knows it is
// healthy (it started, reached its server, read its sensors) — and only then.

import { confirmRunning, readTrailer, runningConfirmed, MAGIC_GOOD } from "./trailer.ts";
import { hasSlots, SECONDARY_SLOT } from "./slots.ts";

/** The running image's state, as `image.state()` reports it. */
export type ImageState = "confirmed" | "test" | "no-slots";

class AppImage {
  /**
   * "confirmed": the bootloader keeps the running image across resets;
   * "test": it runs once on trial — call confirm() or the next reset reverts to the old one;
   * "no-slots": the board has no flash layout (it does not take updates).
   */
  state(): ImageState {
    if (!hasSlots()) return "no-slots";
    return runningConfirmed() ? "confirmed" : "test";
  }

  /**
   * Keeps the running image: marks it confirmed in slot 0's trailer, so mote-boot does not
   * revert it at the next reset. Does nothing when it is confirmed already; throws on a board
   * without a flash layout, or when the trailer is damaged.
   */
  confirm(): void {
    confirmRunning();
  }

  /** True when an update waits in slot 1 for the next reset (uploaded and marked test or
   *  permanent, `mote image test`). */
  pending(): boolean {
    return hasSlots() && readTrailer(SECONDARY_SLOT).magic === MAGIC_GOOD;
  }
}

/** The running image and its updates; see AppImage. */
export const image = new AppImage();
