// Where the SDK's own files are. Computed from this file's location, except when the CLI runs
// from its bundled copy (sdk/cli/mote.js), which says where the checkout is.
import path from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = globalThis.__MOTE_REPO_ROOT ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
