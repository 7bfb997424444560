// A module whose variable without an initializer comes after a class that creates instances in
// its methods: functions read it after the module ran, so it is undefined, not uninitialised.
export class Reading {
  value: number;
  constructor(value: number) { this.value = value; }
  scaled(factor: number): Reading { return new Reading(this.value * factor); }
}

let cache: Reading | undefined;
let hits = 0;

export function cached(value: number): Reading {
  if (cache === undefined || cache.value !== value) cache = new Reading(value);
  else hits++;
  return cache;
}

export function cacheHits(): number {
  return hits;
}
