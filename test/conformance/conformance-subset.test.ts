// The conformance suite (suite.ts), part 3: the other boards, each a subset of the programs
// (all of them with MOTE_ALL_BOARDS=1).
import { conformanceSuite } from "./suite.ts";

const ELSEWHERE = new Set(["pico", "mps2-an385", "microbit"]);
conformanceSuite({ nodeChecks: false, onBoard: (board) => !ELSEWHERE.has(board.id) });
