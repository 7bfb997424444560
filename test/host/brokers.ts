// Real MQTT brokers for tests, each on a free loopback port, each of which can be stopped
// and started again on the same port: aedes in-process, and Mosquitto as a child process
// (undefined when it is not installed). Both keep sessions across a restart (aedes because
// the same instance serves again; Mosquitto through its persistence file), so that a
// subscriber with a persistent session sees every QoS 1 message published around a restart.

import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { Aedes } from "aedes";

export interface TestBroker {
  readonly name: string;
  readonly port: number;
  readonly url: string;
  /** Stops answering: every connection is dropped and the port refuses new ones. */
  stop(): Promise<void>;
  /** Listens again on the same port. */
  start(): Promise<void>;
  /** Stops for good. */
  close(): Promise<void>;
  /** aedes only: the broker instance, to set authentication and authorization hooks. */
  readonly aedes?: Aedes;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export async function startAedes(): Promise<TestBroker> {
  const port = await freePort();
  const aedes = await Aedes.createBroker();
  const sockets = new Set<net.Socket>();
  let server: net.Server | undefined;
  const start = () => new Promise<void>((resolve) => {
    const s = net.createServer((socket) => {
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
      aedes.handle(socket);
    });
    server = s;
    s.listen(port, "127.0.0.1", () => resolve());
  });
  const stop = () => new Promise<void>((resolve) => {
    for (const socket of sockets) socket.destroy();
    if (server) server.close(() => resolve());
    else resolve();
    server = undefined;
  });
  await start();
  return {
    name: "aedes", port, url: `mqtt://127.0.0.1:${port}`, aedes, start, stop,
    close: async () => {
      await stop();
      await new Promise<void>((resolve) => aedes.close(() => resolve()));
    },
  };
}

export function mosquittoInstalled(): boolean {
  return spawnSync("mosquitto", ["-h"], { stdio: "ignore" }).error === undefined;
}

export async function startMosquitto(): Promise<TestBroker> {
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), "mote-mosquitto-"));
  const config = path.join(dir, "mosquitto.conf");
  writeFileSync(config, [
    `listener ${port} 127.0.0.1`, "allow_anonymous true", "persistence true", `persistence_location ${dir}/`,
    "log_dest none", "max_inflight_messages 100", "",
  ].join("\n"));
  let child: ChildProcess | undefined;
  let log = "";
  const start = async () => {
    const c = spawn("mosquitto", ["-c", config], { stdio: ["ignore", "ignore", "pipe"] });
    c.stderr!.on("data", (d: Buffer) => { log += d.toString(); });
    child = c;
    for (let i = 0; i < 100; i++) {
      if (await answers(port)) return;
      if (c.exitCode !== null) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`mosquitto did not start on port ${port}: ${log}`);
  };
  const stop = async () => {
    const c = child;
    child = undefined;
    if (!c || c.exitCode !== null) return;
    const exited = new Promise((resolve) => c.once("exit", resolve));
    c.kill("SIGTERM");
    await exited;
  };
  await start();
  return { name: "mosquitto", port, url: `mqtt://127.0.0.1:${port}`, start, stop, close: stop };
}

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => { socket.destroy(); resolve(true); });
    socket.once("error", () => resolve(false));
  });
}
