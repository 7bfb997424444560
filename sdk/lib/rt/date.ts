// Date (ECMA-262 §21.4) on a device: a time value — milliseconds since 1970-01-01T00:00:00Z,
// or NaN for an invalid date — and its calendar fields in UTC. A device has no time zone, so
// its local time is UTC: getHours() is getUTCHours(), getTimezoneOffset() is 0, and a program
// prints what Node prints under TZ=UTC.
//
// Date.now() reads the device clock: milliseconds since boot, plus the wall-clock time at
// boot where something has written it — the simulators do at power-on (the wall-clock record
// below, sdk/sim/power-on.ts); on hardware, until a way to set it lands (SMP's datetime
// command), it is milliseconds since boot.
//
// The calendar is the proleptic Gregorian one, computed from day numbers in 400-year eras
// (146,097 days each), so every day of the ±275,760-year range maps to its date directly.

import { peek32, symbolAddress } from "mote/intrinsics";
import { clockMillis } from "mote/clock";

const MS_PER_SECOND = 1000;
const MS_PER_MINUTE = 60 * MS_PER_SECOND;
const MS_PER_HOUR = 60 * MS_PER_MINUTE;
const MS_PER_DAY = 24 * MS_PER_HOUR;
/** §21.4.1.31 TimeClip: time values beyond ±10^8 days are invalid. */
const MAX_TIME = 8.64e15;
const DAYS_PER_ERA = 146097;
/** The time value of an invalid date. */
const INVALID = 0 / 0;
/** Days from 0000-03-01 (the start of an era's year counted from March) to 1970-01-01. */
const EPOCH_SHIFT = 719468;
/** `__rt_wall_clock` holds this magic when a simulator has written the time at power-on. */
const WALL_CLOCK_MAGIC = 0x7c10c4ed;

// Names three letters each, in constant strings: this module's top-level code never runs (a
// builtin class's module is not imported by the program), so it holds constants only.
const WEEKDAYS = "SunMonTueWedThuFriSat";
const MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec";

/** The three-letter name at `index` of `names`. */
function name3(names: string, index: number): string {
  return names.slice(3 * index, 3 * index + 3);
}

/** The wall-clock time at boot (ms since 1970), or 0 until something sets it. */
let bootTime = -1;

function wallClockAtBoot(): number {
  if (bootTime < 0) {
    // [0] magic, [4] whole seconds since 1970, [8] milliseconds: written by the simulator.
    const record = symbolAddress("__rt_wall_clock");
    bootTime = peek32(record) === WALL_CLOCK_MAGIC ? peek32(record + 4) * MS_PER_SECOND + (peek32(record + 8) % MS_PER_SECOND) : 0;
  }
  return bootTime;
}

/** Math.floor(a / b) for b > 0, exact for the integral doubles of a time value. */
function floorDiv(a: number, b: number): number {
  return Math.floor(a / b);
}

/** a mod b, in [0, b), for b > 0. */
function floorMod(a: number, b: number): number {
  return a - floorDiv(a, b) * b;
}

/** The day number (days since 1970-01-01) of year/month(1–12)/day(1–31). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = floorDiv(y, 400);
  const yearOfEra = y - era * 400;
  const monthFromMarch = month > 2 ? month - 3 : month + 9;
  const dayOfYear = Math.floor((153 * monthFromMarch + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * DAYS_PER_ERA + dayOfEra - EPOCH_SHIFT;
}

/** Year, month (0–11) and day (1–31) of a day number. */
class CivilDate {
  year: number;
  month: number;
  day: number;
  constructor(days: number) {
    const z = days + EPOCH_SHIFT;
    const era = floorDiv(z, DAYS_PER_ERA);
    const dayOfEra = z - era * DAYS_PER_ERA;
    const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365);
    const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
    const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153);
    this.day = dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1;
    const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
    this.month = month - 1;
    this.year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  }
}

/** Neither NaN nor an infinity. */
function finite(x: number): boolean {
  return x - x === 0;
}

/** §7.1.5 ToIntegerOrInfinity, for the numbers the fields are given as. */
function integral(x: number): number {
  if (x !== x) return 0;
  return x < 0 ? Math.ceil(x) : Math.floor(x);
}

/** §21.4.1.28–29 MakeDay and MakeDate with MakeTime: the time value of the fields, NaN when
 *  one is not finite. Months beyond 0–11 carry into the year, days beyond the month into it. */
function makeTime(year: number, month: number, day: number, hours: number, minutes: number, seconds: number, ms: number): number {
  const fields = [year, month, day, hours, minutes, seconds, ms];
  for (const field of fields) if (!finite(field)) return INVALID;
  const y = integral(year) + floorDiv(integral(month), 12);
  const m = floorMod(integral(month), 12);
  if (Math.abs(y) > 400000) return INVALID;
  const days = daysFromCivil(y, m + 1, 1) + integral(day) - 1;
  const time = integral(hours) * MS_PER_HOUR + integral(minutes) * MS_PER_MINUTE + integral(seconds) * MS_PER_SECOND + integral(ms);
  return days * MS_PER_DAY + time;
}

/** §21.4.1.31 TimeClip. */
function timeClip(time: number): number {
  if (!finite(time) || Math.abs(time) > MAX_TIME) return INVALID;
  return integral(time) + 0;
}

/** Years 0–99 given as fields mean 1900–1999 (§21.4.2.1 step 5.j, §21.4.3.4 step 8). */
function fullYear(year: number): number {
  const y = integral(year);
  return year === year && y >= 0 && y <= 99 ? 1900 + y : year;
}

function pad(value: number, width: number): string {
  let text = `${value}`;
  while (text.length < width) text = `0${text}`;
  return text;
}

/** Years as toString and toUTCString print them: four digits, a minus sign before. */
function yearText(year: number): string {
  return year < 0 ? `-${pad(-year, 4)}` : pad(year, 4);
}

export class Date {
  /** The time value: whole milliseconds since 1970-01-01T00:00:00Z, or NaN. */
  time: number;

  /** `new Date()`: now; `new Date(ms)`: that time value; `new Date(year, month, …)`: the
   *  fields in local time, which on a device is UTC. */
  constructor(yearOrTime?: number, month?: number, day?: number, hours?: number, minutes?: number, seconds?: number, ms?: number) {
    if (yearOrTime === undefined) {
      this.time = Date.now();
    } else if (month === undefined) {
      this.time = timeClip(yearOrTime);
    } else {
      this.time = timeClip(makeTime(fullYear(yearOrTime), month, day === undefined ? 1 : day, hours === undefined ? 0 : hours,
        minutes === undefined ? 0 : minutes, seconds === undefined ? 0 : seconds, ms === undefined ? 0 : ms));
    }
  }

  /** Milliseconds since 1970-01-01T00:00:00Z: the device's clock since boot, plus the wall
   *  clock at boot once it has been set. */
  static now(): number {
    return wallClockAtBoot() + clockMillis();
  }

  /** The time value of the given UTC fields (§21.4.3.4). */
  static UTC(year: number, month?: number, day?: number, hours?: number, minutes?: number, seconds?: number, ms?: number): number {
    return timeClip(makeTime(fullYear(year), month === undefined ? 0 : month, day === undefined ? 1 : day, hours === undefined ? 0 : hours,
      minutes === undefined ? 0 : minutes, seconds === undefined ? 0 : seconds, ms === undefined ? 0 : ms));
  }

  getTime(): number { return this.time; }
  valueOf(): number { return this.time; }

  getUTCFullYear(): number { return this.time !== this.time ? INVALID : new CivilDate(floorDiv(this.time, MS_PER_DAY)).year; }
  getUTCMonth(): number { return this.time !== this.time ? INVALID : new CivilDate(floorDiv(this.time, MS_PER_DAY)).month; }
  getUTCDate(): number { return this.time !== this.time ? INVALID : new CivilDate(floorDiv(this.time, MS_PER_DAY)).day; }
  /** 0 is Sunday; 1970-01-01 was a Thursday. */
  getUTCDay(): number { return this.time !== this.time ? INVALID : floorMod(floorDiv(this.time, MS_PER_DAY) + 4, 7); }
  getUTCHours(): number { return this.time !== this.time ? INVALID : Math.floor(floorMod(this.time, MS_PER_DAY) / MS_PER_HOUR); }
  getUTCMinutes(): number { return this.time !== this.time ? INVALID : Math.floor(floorMod(this.time, MS_PER_HOUR) / MS_PER_MINUTE); }
  getUTCSeconds(): number { return this.time !== this.time ? INVALID : Math.floor(floorMod(this.time, MS_PER_MINUTE) / MS_PER_SECOND); }
  getUTCMilliseconds(): number { return this.time !== this.time ? INVALID : floorMod(this.time, MS_PER_SECOND); }

  // Local time is UTC on a device.
  getFullYear(): number { return this.getUTCFullYear(); }
  getMonth(): number { return this.getUTCMonth(); }
  getDate(): number { return this.getUTCDate(); }
  getDay(): number { return this.getUTCDay(); }
  getHours(): number { return this.getUTCHours(); }
  getMinutes(): number { return this.getUTCMinutes(); }
  getSeconds(): number { return this.getUTCSeconds(); }
  getMilliseconds(): number { return this.getUTCMilliseconds(); }
  getTimezoneOffset(): number { return this.time !== this.time ? INVALID : 0; }

  /** Sets the time value (clipped); returns it. */
  setTime(time: number): number {
    this.time = timeClip(time);
    return this.time;
  }

  /** YYYY-MM-DDTHH:mm:ss.sssZ (±YYYYYY outside years 0–9999); a RangeError when invalid. */
  toISOString(): string {
    if (this.time !== this.time) throw new RangeError("Invalid time value");
    const year = this.getUTCFullYear();
    const yearPart = year >= 0 && year <= 9999 ? pad(year, 4) : `${year < 0 ? "-" : "+"}${pad(Math.abs(year), 6)}`;
    return `${yearPart}-${pad(this.getUTCMonth() + 1, 2)}-${pad(this.getUTCDate(), 2)}T${this.timeText()}.${pad(this.getUTCMilliseconds(), 3)}Z`;
  }

  /** toISOString(), or null for an invalid date (what JSON.stringify writes). */
  toJSON(): string | null {
    return this.time !== this.time ? null : this.toISOString();
  }

  /** "Thu Jan 01 1970 00:00:00 GMT+0000 (Coordinated Universal Time)", or "Invalid Date". */
  toString(): string {
    if (this.time !== this.time) return "Invalid Date";
    return `${name3(WEEKDAYS, this.getUTCDay())} ${name3(MONTHS, this.getUTCMonth())} ${pad(this.getUTCDate(), 2)} ${yearText(this.getUTCFullYear())} ${this.timeText()} GMT+0000 (Coordinated Universal Time)`;
  }

  /** "Thu, 01 Jan 1970 00:00:00 GMT", or "Invalid Date". */
  toUTCString(): string {
    if (this.time !== this.time) return "Invalid Date";
    return `${name3(WEEKDAYS, this.getUTCDay())}, ${pad(this.getUTCDate(), 2)} ${name3(MONTHS, this.getUTCMonth())} ${yearText(this.getUTCFullYear())} ${this.timeText()} GMT`;
  }

  private timeText(): string {
    return `${pad(this.getUTCHours(), 2)}:${pad(this.getUTCMinutes(), 2)}:${pad(this.getUTCSeconds(), 2)}`;
  }
}
