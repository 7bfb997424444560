// The embedded MQTT broker: aedes (1.x) in this process, on a TCP port. It is the default
// broker of `mote run --broker`, `mote bridge` and `mote telemetry`; production brokers
// (Mosquitto, EMQX) take its place by URL.

import net from "node:net";
import { Aedes } from "aedes";

/** MQTT's registered port (IANA, unencrypted). */
export const MQTT_PORT = 1883;

export interface BrokerOptions {
  /** TCP port; 0 picks a free one (default 1883). */
  port?: number;
  /** Interface to listen on (default 127.0.0.1: only this machine). */
  host?: string;
  /** Receives one line per client connect/disconnect, subscription and client error. */
  log?: (line: string) => void;
}

export interface RunningBroker {
  /** mqtt://<host>:<port>, for clients. */
  url: string;
  port: number;
  host: string;
  /** The aedes instance, for in-process publishing or inspection. */
  aedes: Aedes;
  /** Disconnects every client and stops listening. */
  close(): Promise<void>;
}

/**
 * Starts aedes on a TCP port. Rejects with a clear message when the port is taken.
 */
export async function startBroker(options: BrokerOptions = {}): Promise<RunningBroker> {
  const host = options.host ?? "127.0.0.1";
  const requestedPort = options.port ?? MQTT_PORT;
  const aedes = await Aedes.createBroker();
  const log = options.log;
  if (log) {
    aedes.on("client", (client) => log(`client ${client.id} connected`));
    aedes.on("clientDisconnect", (client) => log(`client ${client.id} disconnected`));
    aedes.on("subscribe", (subscriptions, client) =>
      log(`client ${client.id} subscribed to ${subscriptions.map((s) => `${s.topic} (QoS ${s.qos})`).join(", ")}`));
    aedes.on("unsubscribe", (topics, client) => log(`client ${client.id} unsubscribed from ${topics.join(", ")}`));
    aedes.on("clientError", (client, error) => log(`client ${client.id}: ${error.message}`));
  }
  const server = net.createServer(aedes.handle);
  const sockets = new Set<net.Socket>();
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(requestedPort, host, () => {
        server.off("error", reject);
        resolve();
      });
    });
  } catch (error) {
    aedes.close();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EADDRINUSE") throw new Error(`port ${requestedPort} on ${host} is in use (another broker?); choose another with --port, or 0 for a free one`);
    if (code === "EACCES") throw new Error(`not allowed to listen on port ${requestedPort} on ${host}; ports below 1024 need privileges`);
    throw new Error(`cannot listen on ${host}:${requestedPort}: ${(error as Error).message}`);
  }
  const port = (server.address() as net.AddressInfo).port;
  const urlHost = host.includes(":") ? `[${host}]` : host;
  return {
    url: `mqtt://${urlHost}:${port}`,
    port,
    host,
    aedes,
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // server.close waits for open connections; end them so a restart can reuse the port.
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => aedes.close(() => resolve()));
      await closed;
    },
  };
}
