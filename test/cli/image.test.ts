// `mote keys new`, `mote build --sign`, `mote image sign|info|verify` as a user runs them, in a
// temporary folder: the whole path from a fresh key to a verified image, and the refusals.

import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { decodeHeader, parseImage } from "../../flash-tool/image/index.ts";
import { mote } from "../fixtures/mote-cli.ts";

const dir = mkdtempSync(path.join(tmpdir(), "mote-image-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const at = (name: string) => path.join(dir, name);
type Ran = Awaited<ReturnType<typeof mote>>;
const explain = (r: Ran) => `exit ${r.code}\n--- stderr ---\n${r.stderr}\n--- stdout ---\n${r.stdout}`;

const hasPythonCrypto = spawnSync("python3", ["-c", "import cryptography"]).status === 0;
if (!hasPythonCrypto) console.warn("NOTICE: python3 with the cryptography package is missing; skipping the independent check of a signed image");

describe("mote keys new → build --sign → image info → image verify", () => {
  const app = at("app.ts");
  writeFileSync(app, 'console.log("signed");\n');
  const signedBin = at("build/pico/app.signed.bin");

  it("makes a key pair: the private key readable only by its owner, the public key beside it", async () => {
    const made = await mote(["keys", "new", "--out", at("key.pem")]);
    expect(made.code, explain(made)).toBe(0);
    expect(made.stderr).toContain(at("key.pub.pem"));
    expect(statSync(at("key.pem")).mode & 0o777).toBe(0o600);
    expect(readFileSync(at("key.pem"), "utf8")).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(readFileSync(at("key.pub.pem"), "utf8")).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    const again = await mote(["keys", "new", "--out", at("key.pem")]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/key\.pem already exists; keep it, choose another name with --out, or replace it with --force/);
    expect((await mote(["keys", "new", "--out", at("other.pem")])).code).toBe(0);
  });

  it("builds with --sign and writes <name>.signed.bin beside the other outputs", async () => {
    const built = await mote(["build", app, "--board", "pico", "--sign", at("key.pem"), "--version", "1.2.3"]);
    expect(built.code, explain(built)).toBe(0);
    expect(built.stderr).toContain(signedBin);
    const image = readFileSync(signedBin);
    const header = decodeHeader(image);
    expect(header.loadAddress).toBe(0x10040000); // the pico's primary slot, where mote-boot starts it
    expect(header.headerSize).toBe(0x200);
    expect(header.version).toEqual({ major: 1, minor: 2, revision: 3, build: 0 });
    // The body is the .bin byte for byte.
    const bin = readFileSync(at("build/pico/app.bin"));
    expect(image.subarray(0x200, 0x200 + header.imageSize)).toEqual(bin);
  });

  it("prints every header field and TLV with image info", async () => {
    const info = await mote(["image", "info", signedBin]);
    expect(info.code, explain(info)).toBe(0);
    for (const text of ["magic             0x96f3b83d", "load address      0x10040000", "header size       512 (0x200)", "flags             0x00000100 ROM_FIXED", "version           1.2.3", "SHA256 (0x10)", "KEYHASH (0x01)", "ED25519 (0x24)", "(hash ok)", "hash ok:"]) {
      expect(info.stdout).toContain(text);
    }
  });

  it("verifies with the public key, and with the private key", async () => {
    for (const key of ["key.pub.pem", "key.pem"]) {
      const verified = await mote(["image", "verify", signedBin, "--key", at(key), "--board", "pico"]);
      expect(verified.code, explain(verified)).toBe(0);
      expect(verified.stdout).toMatch(/: ok \(version 1\.2\.3, /);
    }
  });

  it("refuses the wrong key, a tampered image and another board's address, each with its message", async () => {
    const wrongKey = await mote(["image", "verify", signedBin, "--key", at("other.pub.pem")]);
    expect(wrongKey.code).toBe(1);
    expect(wrongKey.stderr).toMatch(/app\.signed\.bin: key hash mismatch: the image was signed by the key with hash/);

    const tampered = readFileSync(signedBin);
    tampered[0x200 + 40] ^= 0xff;
    writeFileSync(at("tampered.bin"), tampered);
    const bad = await mote(["image", "verify", at("tampered.bin"), "--key", at("key.pub.pem")]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/tampered\.bin: hash mismatch/);
    const info = await mote(["image", "info", at("tampered.bin")]);
    expect(info.code).toBe(1);
    expect(info.stdout).toContain("(hash BAD)");

    const board = await mote(["image", "verify", signedBin, "--key", at("key.pub.pem"), "--board", "mps2-an385"]);
    expect(board.code).toBe(1);
    expect(board.stderr).toMatch(/wrong load address: the image is built to run at 0x10040000, this slot starts at 0x40000/);

    const raw = await mote(["image", "verify", at("build/pico/app.bin"), "--key", at("key.pub.pem")]);
    expect(raw.code).toBe(1);
    expect(raw.stderr).toMatch(/app\.bin: bad magic: .*not a signed image/);
  });

  it("signs an ELF at its own address, the same body as the .bin apart from the .bin's end padding", async () => {
    const out = at("from-elf.signed.bin");
    const signed = await mote(["image", "sign", at("build/pico/app.elf"), "--key", at("key.pem"), "--version", "2.0.0+7", "--out", out]);
    expect(signed.code, explain(signed)).toBe(0);
    const image = parseImage(readFileSync(out));
    expect(image.header.loadAddress).toBe(0x10040000); // the header just before the slot-linked body
    expect(image.header.version).toEqual({ major: 2, minor: 0, revision: 0, build: 7 });
    const bin = readFileSync(at("build/pico/app.bin"));
    const body = readFileSync(out).subarray(0x200, image.bodyEnd);
    expect(bin.subarray(0, body.length)).toEqual(body);
    expect(bin.subarray(body.length).every((b) => b === 0)).toBe(true);
    const verified = await mote(["image", "verify", out, "--key", at("key.pub.pem")]);
    expect(verified.code, explain(verified)).toBe(0);
  });

  it("takes --header-size and --load-addr for a raw binary, and refuses impossible ones", async () => {
    const out = at("custom.signed.bin");
    const signed = await mote(["image", "sign", at("build/pico/app.bin"), "--key", at("key.pem"), "--version", "1.0.0", "--header-size", "0x20", "--load-addr", "0x8000", "--out", out]);
    expect(signed.code, explain(signed)).toBe(0);
    const info = await mote(["image", "info", out]);
    expect(info.stdout).toContain("header size       32 (0x20)");
    expect(info.stdout).toContain("load address      0x00008000");
    const plain = await mote(["image", "sign", at("build/pico/app.bin"), "--key", at("key.pem"), "--version", "1.0.0", "--out", at("plain.signed.bin")]);
    expect(plain.code, explain(plain)).toBe(0);
    expect(decodeHeader(readFileSync(at("plain.signed.bin")))).toMatchObject({ loadAddress: 0, flags: 0, headerSize: 0x200 });
    const small = await mote(["image", "sign", at("build/pico/app.bin"), "--key", at("key.pem"), "--version", "1.0.0", "--header-size", "16"]);
    expect(small.code).toBe(1);
    expect(small.stderr).toMatch(/--header-size must be between 32 \(0x20\) and 65535, got 16/);
    const badAddress = await mote(["image", "sign", at("build/pico/app.bin"), "--key", at("key.pem"), "--version", "1.0.0", "--load-addr", "flash"]);
    expect(badAddress.code).toBe(1);
    expect(badAddress.stderr).toMatch(/--load-addr takes a number \(decimal or 0x hex\)/);
  });

  it.skipIf(!hasPythonCrypto)("is accepted by an independent check (Python hashlib + cryptography, imgtool's rules)", () => {
    // Written from image.h's layout, not from mote's code: header, TLVs, SHA-256 over
    // header + body, KEYHASH over the DER SubjectPublicKeyInfo, Ed25519 over the digest.
    const script = `
import struct, hashlib, sys
from cryptography.hazmat.primitives import serialization
image = open(sys.argv[1], 'rb').read()
key = serialization.load_pem_public_key(open(sys.argv[2], 'rb').read())
magic, load, hdr, ptlv, size, flags = struct.unpack_from('<IIHHII', image, 0)
assert magic == 0x96f3b83d
end = hdr + size + ptlv
tlv_magic, total = struct.unpack_from('<HH', image, end)
assert tlv_magic == 0x6907
digest = hashlib.sha256(image[:end]).digest()
der = key.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
seen = []
at = end + 4
while at < end + total:
    kind, length = struct.unpack_from('<HH', image, at)
    value = image[at + 4:at + 4 + length]
    if kind == 0x10: assert value == digest, 'sha256'
    if kind == 0x01: assert value == hashlib.sha256(der).digest(), 'keyhash'
    if kind == 0x24: key.verify(value, digest)
    seen.append(kind)
    at += 4 + length
assert seen == [0x10, 0x01, 0x24], seen
print('independent check ok')
`;
    const ran = spawnSync("python3", ["-c", script, signedBin, at("key.pub.pem")], { encoding: "utf8" });
    expect(ran.stderr).toBe("");
    expect(ran.stdout.trim()).toBe("independent check ok");
  });

  it("says what is missing on the command line", async () => {
    const noVersion = await mote(["build", app, "--sign", at("key.pem")]);
    expect(noVersion.code).toBe(1);
    expect(noVersion.stderr).toMatch(/--sign needs --version/);
    const badKey = await mote(["build", app, "--sign", at("app.ts"), "--version", "1.0.0", "--out", at("never")]);
    expect(badKey.code).toBe(1);
    expect(badKey.stderr).toMatch(/^mote: cannot sign the image: .*app\.ts is not a private key in PEM form/); // said before building
    expect(badKey.stderr).not.toContain("mote: built");
    const badBuildVersion = await mote(["build", app, "--sign", at("key.pem"), "--version", "1.x"]);
    expect(badBuildVersion.code).toBe(1);
    expect(badBuildVersion.stderr).toMatch(/--version takes major\.minor\.revision/);
    const badVersion = await mote(["image", "sign", at("build/pico/app.bin"), "--key", at("key.pem"), "--version", "1.x"]);
    expect(badVersion.code).toBe(1);
    expect(badVersion.stderr).toMatch(/'1\.x' is not a version/);
    const notAKey = await mote(["image", "sign", at("build/pico/app.bin"), "--key", at("app.ts"), "--version", "1.0.0"]);
    expect(notAKey.code).toBe(1);
    expect(notAKey.stderr).toMatch(/app\.ts is not a private key in PEM form/);
    const publicOnly = await mote(["image", "sign", at("build/pico/app.bin"), "--key", at("key.pub.pem"), "--version", "1.0.0"]);
    expect(publicOnly.code).toBe(1);
    const missing = await mote(["image", "info", at("nope.bin")]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/nope\.bin: no such file/);
    const help = await mote(["--help"]);
    expect(help.stdout).toMatch(/mote keys new/);
    expect(help.stdout).toMatch(/mote image sign\|info\|verify/);
  });
});
