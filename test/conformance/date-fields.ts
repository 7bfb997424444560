// Dates from time values and fields: the UTC calendar across the whole time-value range (leap
// days, years before 0 and after 9999, the edges of ±8.64e15), the three text forms, invalid
// dates, and Date.now() from the clock the simulator sets at power-on. Node runs in UTC.
const times = [0, 1, -1, 86399999, 86400000, 951782400000, 1709164800123, 1735689599999, -62198755200000, -62198755200001, 253402300799999, 253402300800000, 8.64e15, -8.64e15, 1e12 + 0.7];
for (const t of times) {
  const d = new Date(t);
  console.log(t, d.toISOString(), d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCDay(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds());
  console.log(d.toString(), "|", d.toUTCString(), "|", d.getTime());
  console.log(d);
}
console.log(Date.UTC(2024, 1, 29), Date.UTC(2024, 13, 1), Date.UTC(99, 0), Date.UTC(2024, -1, 0, 25, 61, 61, 1001), Date.UTC(NaN));
const bad = new Date(NaN);
console.log(bad, String(bad), bad.getUTCFullYear(), bad.getTime(), bad.toUTCString());
try { bad.toISOString(); } catch (e) { console.log((e as Error).message); }
console.log(new Date(8.64e15 + 1).getTime(), new Date(2020, 5, 15, 12).toISOString(), new Date(2020, 5).getTime());
console.log({ when: new Date(0) }, [new Date(1e12)]);
const now = Date.now();
console.log(now > 1.7e12, new Date().getTime() >= now, typeof now);
const d = new Date(0);
console.log(d.setTime(5000), d.getSeconds(), `${d}`, d.getTimezoneOffset());
