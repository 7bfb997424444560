// The simulated sensors a board declares (Board.sensors), looked up by kind for a Target.

import type { Board, SimulatedSensor } from "../../boards/types.ts";
import type { SensorKind } from "./types.ts";

/** What each kind of sensor measures, in the units SensorInput uses. */
export interface SensorRange {
  min: number;
  max: number;
  unit: string;
  /** The smallest change the simulated part shows (its power-up resolution). */
  step: number;
}

export const SENSOR_RANGES: Record<SensorKind, SensorRange> = {
  // The temperature register's 16-bit two's complement in 1/256 °C; 0.5 °C at 9 bits.
  tmp105: { min: -128, max: 127.996, unit: "°C", step: 0.5 },
};

/** The board's sensor of this kind, or an error that says which sensors the board has. */
export function findSensor(board: Board, kind: SensorKind): SimulatedSensor {
  const sensor = board.sensors?.find((s) => s.kind === kind);
  if (sensor) return sensor;
  const has = board.sensors?.length ? `its sensors are ${board.sensors.map((s) => `${s.kind} (${s.bus}, 0x${s.address.toString(16)})`).join(", ")}` : "it simulates no sensors";
  throw new Error(`board '${board.id}' has no simulated ${kind}; ${has}`);
}
