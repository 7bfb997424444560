// flash-tool as a library: the host side of device management, for scripts, dashboards and
// tests that want what the `mote` commands do without a child process.
//
//   import { startBroker, subscribeTelemetry } from "<mote>/flash-tool/index.ts";

// Telemetry: the embedded broker, the consumer of devices' readings and statuses, and the
// pieces of the `mote telemetry` view.
export { startBroker, MQTT_PORT, type BrokerOptions, type RunningBroker } from "./telemetry/broker.ts";
export {
  subscribeTelemetry, checkBrokerUrl, DEFAULT_BROKER_URL, TelemetrySubscription,
  type SubscribeOptions, type ConnectionEvent, type DuplicateEvent, type GapEvent, type BadPayloadEvent, type TelemetryCounts, type TelemetryEvents,
} from "./telemetry/consumer.ts";
export { decodeReading, decodeStatus, PayloadError, type Reading, type DeviceStatus, type StatusCrash } from "./telemetry/payload.ts";
export { SequenceTracker, type SequenceVerdict, type SequenceResult } from "./telemetry/sequence.ts";
export { telemetryFilters, parseTopic, type TopicKind } from "./telemetry/topics.ts";
export { formatReading, formatStatus, readingJson, statusJson } from "./telemetry/format.ts";
export { formatStatusCrash } from "./telemetry/crash-report.ts";
export { Plot } from "./telemetry/plot.ts";
export { TelemetryViewer, type ViewerOptions, type ViewerMode } from "./telemetry/viewer.ts";
export { readElfImage } from "../sdk/compiler/link/read-elf.ts";
// The serial bridge (`mote bridge`).
export { Bridge, type BridgeOptions } from "./telemetry/bridge.ts";

// MCUboot images and the SMP client, each under its own name (their exports are many).
export * as image from "./image/index.ts";
export * as smp from "./smp/index.ts";
