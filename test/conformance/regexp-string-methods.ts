// String methods with a pattern: match, matchAll (for…of, spread, Array.from), search,
// replace and replaceAll with $ patterns and functions, split with captures and a limit.
const s = "2024-05-17, 1999-12-31 and 2000-01-01";
console.log(s.match(/\d{4}/g));
console.log(s.match(/(\d{4})-(\d\d)/));
console.log("abc".match(/x/g), "abc".match(/x/));
console.log(s.search(/\d\d-\d\d,/), "abc".search(/z/));
console.log(s.replace(/(\d{4})-(\d\d)-(\d\d)/g, "$3/$2/$1"));
console.log(s.replace(/(?<y>\d{4})-(?<m>\d\d)/, "$<m>.$<y> [$&] <$`> {$'} $$ $0 $9 $<x"));
console.log("abc".replace(/(b)/, "$11|$01|$10|$2"));
console.log(s.replaceAll(/\d+/g, (m) => String(m.length)));
console.log("a-b_c".replace(/[-_](\w)/g, (_m: string, c: string, offset: number) => c.toUpperCase() + offset));
console.log("x".replace(/(?<n>x)/, (...args: unknown[]) => JSON.stringify(args)));
console.log("aaa".replace(/a*?/g, "-"), "abc".replace(/(?:)/g, "."));
console.log("one  two\tthree".split(/\s+/));
console.log("a1b2c3".split(/(\d)/), "a1b2c3".split(/\d/, 2), "".split(/x/), "".split(/(?:)/));
console.log("abc".split(/(?:)/), "test".split(/(t)?/), "😀😃".split(/(?:)/u).length);
for (const m of "k1=v1;k2=v2".matchAll(/(\w+)=(\w+)/g)) console.log(m[1], m[2], m.index);
console.log([..."a1b22c333".matchAll(/\d+/g)].map((m) => m[0]));
console.log(Array.from("xyz".matchAll(/./g), (m) => m.index));
const re = /o/g;
console.log(re.test("foo"), re.lastIndex, re.test("foo"), re.lastIndex, re.test("foo"), re.lastIndex);
const sticky = /a/y;
console.log(sticky.test("ba"), sticky.lastIndex);
sticky.lastIndex = 1;
console.log(sticky.test("ba"), sticky.lastIndex, "aab".replace(/a/gy, "x"), "baa".replace(/a/gy, "x"));
const g = /(\d)/g;
let m: RegExpExecArray | null;
while ((m = g.exec("a1b2c3")) !== null) console.log(m[0], m.index, g.lastIndex);
const all = /a/g;
all.lastIndex = 2;
console.log([..."aaaa".matchAll(all)].length, all.lastIndex, "x-a-a".search(all), all.lastIndex);
for (const v of [1.5, -3, NaN, 1e12, 2]) { all.lastIndex = v; console.log(v, all.test("aaa"), all.lastIndex); }
console.log(/a/gimsuy.flags, /a/.global, /a/g.global, /a/i.ignoreCase, /a/m.multiline, /a/s.dotAll, /a/u.unicode, /a/y.sticky);
console.log(new RegExp("a+b", "gi"), new RegExp("/"), new RegExp(""), String(new RegExp("\n")), `${/x/y}`);
const named = /(?<h>\d\d):(?<m>\d\d)/.exec("at 12:34")!;
console.log(named.groups, named.groups!.h, named);
console.log(JSON.stringify("10:20".match(/(?<a>\d+):(?<b>\d+)/)?.groups));
try { "x".replaceAll(/x/, "y"); } catch (e) { console.log((e as Error).message); }
try { "x".matchAll(/x/); } catch (e) { console.log((e as Error).message); }
