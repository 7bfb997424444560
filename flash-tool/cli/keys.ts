// `mote keys new`: an Ed25519 signing key for images, as two PEM files — the private key
// (mode 0600; keep it secret, it is what makes an image trusted) and the public key beside it
// (what a bootloader and `mote image verify` check signatures with).

import fs from "node:fs";
import { parse, UsageError } from "../../sdk/cli/args.ts";
import { newKeyPair } from "../image/keys.ts";

export const KEYS_USAGE = `Usage: mote keys new [--out key.pem] [--force]

Makes an Ed25519 key pair for signing images: the private key in <out> (PKCS#8 PEM, readable
only by you) and the public key in <out without .pem>.pub.pem (SubjectPublicKeyInfo PEM).
Both are the formats MCUboot's imgtool reads. An existing file is never overwritten unless
--force is given.

Options:
  -o, --out <file>   the private key's file (default: key.pem)
      --force        replace existing key files
  -h, --help         show this help`;

/** key.pem → key.pub.pem; other names get .pub.pem appended. */
export function publicKeyPath(privatePath: string): string {
  return privatePath.endsWith(".pem") ? privatePath.replace(/\.pem$/, ".pub.pem") : `${privatePath}.pub.pem`;
}

export async function keysCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === "-h" || sub === "--help" || sub === "help") {
    process.stdout.write(`${KEYS_USAGE}\n`);
    return 0;
  }
  if (sub !== "new") throw new UsageError(sub === undefined ? "'mote keys' needs a subcommand: mote keys new [--out key.pem]" : `unknown 'mote keys' subcommand '${sub}'; the one there is: new`);
  const { values, positionals } = parse(rest, { out: { type: "string", short: "o" }, force: { type: "boolean" } });
  if (values.help) {
    process.stdout.write(`${KEYS_USAGE}\n`);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`'mote keys new' takes no arguments, got: ${positionals.join(" ")} (the file goes after --out)`);
  const privatePath = values.out ?? "key.pem";
  const publicPath = publicKeyPath(privatePath);
  const { privatePem, publicPem } = newKeyPair();
  const flag = values.force ? "w" : "wx";
  try {
    for (const file of [privatePath, publicPath]) {
      if (!values.force && fs.existsSync(file)) throw Object.assign(new Error(), { code: "EEXIST", path: file });
    }
    fs.writeFileSync(privatePath, privatePem, { mode: 0o600, flag });
    fs.chmodSync(privatePath, 0o600); // with --force the file may have existed with wider rights
    fs.writeFileSync(publicPath, publicPem, { mode: 0o644, flag });
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    const message = e.code === "EEXIST"
      ? `${e.path} already exists; keep it, choose another name with --out, or replace it with --force (images signed with the old key will no longer verify)`
      : `cannot write the key: ${e.message}`;
    process.stderr.write(`mote: ${message}\n`);
    return 1;
  }
  process.stderr.write(`mote: wrote ${privatePath} (private key, mode 0600: keep it secret) and ${publicPath} (public key)\n`);
  return 0;
}
