#!/usr/bin/env node
// The `mote` bin entry: plain JavaScript so Node can start it directly. A build whose inputs
// have not changed is answered here (sdk/cli/build-cache.js); everything else registers tsx's
// loader (the SDK is TypeScript run from source, no build step) and hands over to mote.ts.
import { tryCachedBuild } from "./build-cache.js";

if (!(process.argv[2] === "build" && tryCachedBuild(process.argv.slice(3)))) {
  const { register } = await import("tsx/esm/api");
  register();
  await import("./mote.ts");
}
