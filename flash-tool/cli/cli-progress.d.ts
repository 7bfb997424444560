// Types for cli-progress 3.12 (the package ships none): the parts the upload progress uses.
declare module "cli-progress" {
  export interface Options {
    format?: string;
    stream?: NodeJS.WritableStream;
    hideCursor?: boolean;
    barsize?: number;
    fps?: number;
    etaBuffer?: number;
    clearOnComplete?: boolean;
    formatValue?: (value: number, options: Options, type: string) => string;
  }
  export interface Preset { barCompleteChar: string; barIncompleteChar: string; format?: string }
  export class SingleBar {
    constructor(options: Options, preset?: Preset);
    start(total: number, startValue: number, payload?: Record<string, unknown>): void;
    update(value: number, payload?: Record<string, unknown>): void;
    stop(): void;
  }
  export const Presets: { shades_classic: Preset; legacy: Preset; rect: Preset };
}
