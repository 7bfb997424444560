// The MQTT client's error, and how it settles the promise of a message or request it gives
// up on; shared by the session (client.ts) and its subscriptions (subscriptions.ts).

/** An error the client reports: a refused connection or subscription, an ended client. */
export class MqttError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MqttError";
  }
}

export function ignore(): void {}

/** Rejects a promise the app may not be awaiting (a message it published and forgot, then
 *  ended the client): whoever awaits it sees the error, and an app that does not is not ended
 *  by an unhandled rejection, since it did nothing wrong. */
export function abandon(promise: Promise<unknown> | undefined, reject: (error: Error) => void, error: Error): void {
  if (promise !== undefined) promise.catch(ignore);
  reject(error);
}
