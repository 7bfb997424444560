// Parsing CSV text into records, grouping with a Map, sorting with a comparator chain that
// orders strings with < and >, and a small generic top-k helper.
const csv = `name,room,watts
heater,kitchen,1500
lamp,office,60
kettle,kitchen,2200
fan,office,45
tv,living,120
router,office,12`;
interface Device { name: string; room: string; watts: number }
const digits = (text: string): number => text.split("").reduce((n, c) => n * 10 + c.charCodeAt(0) - 48, 0);
function parse(text: string): Device[] {
  const [header, ...rows] = text.split("\n");
  const columns = header.split(",");
  return rows.map((row) => {
    const cells = row.split(",");
    const get = (column: string): string => cells[columns.indexOf(column)];
    return { name: get("name"), room: get("room"), watts: digits(get("watts")) };
  });
}
function topK<T>(items: T[], k: number, score: (item: T) => number): T[] {
  return items.slice().sort((a, b) => score(b) - score(a)).slice(0, k);
}
const devices = parse(csv);
const byRoom = new Map<string, Device[]>();
for (const d of devices) {
  const list = byRoom.get(d.room) ?? [];
  list.push(d);
  byRoom.set(d.room, list);
}
for (const [room, list] of byRoom) {
  const total = list.reduce((sum, d) => sum + d.watts, 0);
  console.log(room.padEnd(8), String(total).padStart(5), list.map((d) => d.name).sort().join(","));
}
console.log(topK(devices, 3, (d) => d.watts).map((d) => `${d.name}:${d.watts}`));
const sorted = devices.slice().sort((a, b) => (a.room < b.room ? -1 : a.room > b.room ? 1 : 0) || b.watts - a.watts);
console.log(sorted.map((d) => d.name).join(" "));
