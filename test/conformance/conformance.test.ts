// The conformance suite (suite.ts), part 1: the Node-side checks of every program, and every
// program on pico.
import { conformanceSuite } from "./suite.ts";

conformanceSuite({ nodeChecks: true, onBoard: (board) => board.id === "pico" });
