// `mote run --set tmp105=28.5`: what a board's simulated sensors measure from the start, and
// the keys that change it while the app runs (+ and - on a terminal), so a newcomer can play
// with a sensor app without writing a test.

import type { Board } from "../../boards/types.ts";
import { SENSOR_RANGES } from "../sim/sensors.ts";
import type { SensorInput, SensorKind, TargetControl } from "../sim/types.ts";
import { UsageError } from "./args.ts";

/** `name=value` settings from the command line, checked against the board's sensors. */
export function parseSensorSettings(settings: string[], board: Board): SensorInput[] {
  return settings.map((setting) => {
    const match = /^([A-Za-z0-9_-]+)=(.+)$/.exec(setting);
    if (!match) throw new UsageError(`--set takes sensor=value, e.g. --set tmp105=28.5, got '${setting}'`);
    const [, name, text] = match;
    const sensor = sensorOf(board, name);
    const range = SENSOR_RANGES[sensor];
    const value = Number(text);
    if (text.trim() === "" || !Number.isFinite(value)) throw new UsageError(`--set ${name} takes a number (${range.unit}), got '${text}'`);
    if (value < range.min || value > range.max) {
      throw new UsageError(`--set ${name}=${text}: a ${name} measures ${range.min} to ${range.max} ${range.unit}`);
    }
    return { sensor, value };
  });
}

function sensorOf(board: Board, name: string): SensorKind {
  const sensor = board.sensors?.find((s) => s.kind === name);
  if (sensor) return sensor.kind;
  const has = board.sensors?.length ? `its sensors are ${board.sensors.map((s) => s.kind).join(", ")}` : "it simulates no sensors";
  throw new UsageError(`--set ${name}: board '${board.id}' has no simulated ${name}; ${has}`);
}

/**
 * The sensor the + and - keys move, one step of its resolution a press: the board's first
 * (the only one any board has today). Starts from the --set value, else 0 (the models'
 * power-up reading).
 */
export class SensorKeys {
  readonly sensor: SensorKind | undefined;
  private value: number;

  constructor(board: Board, initial: SensorInput[]) {
    this.sensor = board.sensors?.[0]?.kind;
    this.value = initial.find((s) => s.sensor === this.sensor)?.value ?? 0;
  }

  /** "tmp105 21.5 °C", for the status line; undefined without a sensor. */
  get label(): string | undefined {
    if (this.sensor === undefined) return undefined;
    return `${this.sensor} ${this.value} ${SENSOR_RANGES[this.sensor].unit}`;
  }

  /** Handles a key: true when it was + or - (and the board has a sensor). */
  press(key: string, control: TargetControl, failed: (message: string) => void): boolean {
    if (this.sensor === undefined || (key !== "+" && key !== "-" && key !== "=")) return false;
    const range = SENSOR_RANGES[this.sensor];
    // "=" is + without the shift key on most layouts.
    const next = this.value + (key === "-" ? -range.step : range.step);
    if (next < range.min || next > range.max) return true;
    this.value = next;
    control.setSensor(this.sensor, next).catch((error: Error) => failed(error.message));
    return true;
  }
}
