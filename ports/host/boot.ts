// The host's boot: what runs before the app's first line, as a device's start-up code does.
// Loading the clock starts the app's time; loading the pins' driver connects the board's
// inputs (the Target's messages and the scheduled pinInputs); then the Target hears that
// the board is up.
import "./clock.ts";
import "./gpio.ts";
import { sendEvent } from "./link.ts";

sendEvent({ type: "boot" });
