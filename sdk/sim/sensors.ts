// The simulated sensors a board declares (Board.sensors), looked up by kind for a Target.

import type { Board, SimulatedSensor } from "../../boards/types.ts";
import type { SensorKind } from "./types.ts";

/** The board's sensor of this kind, or an error that says which sensors the board has. */
export function findSensor(board: Board, kind: SensorKind): SimulatedSensor {
  const sensor = board.sensors?.find((s) => s.kind === kind);
  if (sensor) return sensor;
  const has = board.sensors?.length ? `its sensors are ${board.sensors.map((s) => `${s.kind} (${s.bus}, 0x${s.address.toString(16)})`).join(", ")}` : "it simulates no sensors";
  throw new Error(`board '${board.id}' has no simulated ${kind}; ${has}`);
}
