// The CLI as a process (mote.js bundles and loads this): runs the command line's command and
// exits with its status.
import { EXIT_INTERRUPTED, main } from "./mote.ts";

// Ctrl-C: QEMU runs in its own process group (sdk/sim/qemu.ts), so it does not see the
// terminal's SIGINT; exiting runs the simulator layer's exit hook, which stops it.
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(signal, () => {
    process.stderr.write(`\nmote: stopped (${signal})\n`);
    process.exit(signal === "SIGINT" ? EXIT_INTERRUPTED : 128 + (signal === "SIGTERM" ? 15 : 1));
  });
}
// `mote run app.ts | head`: a closed stdout is the reader's choice, not an error.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

const code = await main(process.argv.slice(2));
// stdout/stderr writes are synchronous for files, pipes and terminals on POSIX, so nothing is
// lost by exiting now; exiting (rather than waiting for the event loop to drain) also ends a
// simulator that is still winding down.
process.exit(code);
