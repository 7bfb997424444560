// The conformance suite (suite.ts), part 2: every program on mps2-an385 (armv7m) and microbit
// (armv6m), through QEMU.
import { conformanceSuite } from "./suite.ts";

const BOARDS = new Set(["mps2-an385", "microbit"]);
conformanceSuite({ nodeChecks: false, onBoard: (board) => BOARDS.has(board.id) });
