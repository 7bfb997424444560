#!/usr/bin/env node
// The `mote` bin entry: plain JavaScript so Node can start it directly. It registers tsx's
// loader (the SDK is TypeScript run from source, no build step) and hands over to mote.ts.
import { register } from "tsx/esm/api";

register();
await import("./mote.ts");
