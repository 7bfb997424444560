// What a device model on a simulated I2C bus does, one event at a time, as the rp2040js
// harness (sdk/sim/rp2040.ts) hands the controller's bus events to it.

export interface I2cDeviceModel {
  /** The master addressed this device after a start or repeated start. */
  start(reading: boolean): void;
  /** A byte the master wrote; false does not acknowledge it. */
  writeByte(byte: number): boolean;
  /** The next byte the master reads. */
  readByte(): number;
}

/** Connects models to one rp2040js I2C controller by their addresses; other addresses are
 *  not acknowledged, as on a bus with nothing there. The structural type keeps this file
 *  free of rp2040js's classes. */
export function attachI2cModels(controller: {
  onStart: (repeated: boolean) => void;
  onConnect: (address: number, mode: number) => void;
  onWriteByte: (value: number) => void;
  onReadByte: (ack: boolean) => void;
  onStop: () => void;
  completeStart(): void;
  completeConnect(ack: boolean): void;
  completeWrite(ack: boolean): void;
  completeRead(value: number): void;
  completeStop(): void;
}, models: Map<number, I2cDeviceModel>): void {
  /** rp2040js's I2CMode.Read. */
  const MODE_READ = 1;
  let current: I2cDeviceModel | undefined;
  controller.onStart = () => controller.completeStart();
  controller.onConnect = (address, mode) => {
    current = models.get(address);
    current?.start(mode === MODE_READ);
    controller.completeConnect(current !== undefined);
  };
  controller.onWriteByte = (value) => controller.completeWrite(current?.writeByte(value) ?? false);
  controller.onReadByte = () => controller.completeRead(current?.readByte() ?? 0xff);
  controller.onStop = () => {
    current = undefined;
    controller.completeStop();
  };
}
