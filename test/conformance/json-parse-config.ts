// JSON.parse of a device configuration: typed reads through an interface, nested arrays of
// objects, Object.keys, console.log of the parsed value and a JSON.stringify round trip.
interface Sensor { name: string; pin: number; scale: number; tags: string[] }
interface Config {
  device: string;
  interval: number;
  enabled: boolean;
  offset: number;
  sensors: Sensor[];
  limits: Record<string, number>;
  owner: string | null;
}

const text = `{
  "device": "greenhouse-7", "interval": 250, "enabled": true, "offset": -0.75,
  "sensors": [
    { "name": "soil", "pin": 26, "scale": 0.5, "tags": ["analog", "slow"] },
    { "name": "air", "pin": 27, "scale": 1.25e-3, "tags": [] }
  ],
  "limits": { "min": -40, "max": 125, "hysteresis": 1.5 },
  "owner": null
}`;

const cfg = JSON.parse(text) as Config;
console.log(cfg.device, cfg.interval * 4, cfg.enabled, cfg.offset + 1);
console.log(cfg.sensors.length, cfg.sensors[0].name, cfg.sensors[1].scale, cfg.sensors[0].tags[1]);
let total = 0;
for (const sensor of cfg.sensors) total += sensor.pin * sensor.scale;
console.log("weighted pins", total);
for (const key of Object.keys(cfg.limits)) console.log(key, "=", cfg.limits[key]);
console.log(cfg.owner === null, typeof cfg.interval, typeof cfg.sensors, Array.isArray(cfg.sensors));
console.log(cfg);
const again = JSON.stringify(cfg);
console.log(again);
console.log(JSON.stringify(JSON.parse(again)) === again, again.length);
console.log(JSON.stringify(JSON.parse(text), null, 2).split("\n").length);
