// TypeScript for the bundled CLI, loaded with V8's code cache. typescript.js is one 9 MB
// CommonJS file: a fresh process spends a fifth of a small build compiling it and, as the
// build runs, compiling each of its functions on first call. V8 can save that compiled code
// (vm.Script's cachedData, taken after a build so that it holds the functions a build calls)
// and load it in the next process instead of compiling again. Node 22's module compile cache
// does the same for every module; Node 20, which mote supports, has only this.

import { createHash } from "node:crypto";
import fs from "node:fs";
import { createRequire, Module } from "node:module";
import path from "node:path";
import vm from "node:vm";

/** @param {string} cacheDir where the code cache is kept (node_modules/.cache/mote) */
export function loadTypescript(cacheDir) {
  const require = createRequire(import.meta.url);
  const file = require.resolve("typescript");
  const source = fs.readFileSync(file, "utf8");
  // V8 refuses a cache made by another V8 or for another source; the key only keeps caches
  // of different installs apart.
  const key = createHash("sha1").update(`${file}\n${source.length}\n${process.version}\n${process.arch}`).digest("hex").slice(0, 16);
  const cacheFile = path.join(cacheDir, `typescript-${key}.v8cache`);
  let cachedData;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
  const module = { exports: {} };
  script.runInThisContext().call(module.exports, module.exports, createRequire(file), module, file, path.dirname(file));
  // Written at the exit of a command that compiled something, so that the functions a build
  // calls are in the cache too, not only those `mote --help` needed.
  const compiles = ["build", "run", "flash"].includes(process.argv[2] ?? "");
  if ((cachedData === undefined || script.cachedDataRejected) && compiles) {
    process.once("exit", () => {
      try {
        fs.mkdirSync(cacheDir, { recursive: true });
        const temporary = `${cacheFile}.${process.pid}.tmp`;
        fs.writeFileSync(temporary, script.createCachedData());
        fs.renameSync(temporary, cacheFile);
      } catch {
        // A cache that cannot be written costs the next run time, nothing else.
      }
    });
  }
  return module.exports;
}
