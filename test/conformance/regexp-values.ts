// A RegExp as a value: in class fields and arrays, printed, in JSON, typeof and instanceof, its
// lastIndex set by hand; destructuring a match; folding under i and u; strings as patterns; RegExp().
class Tokenizer {
  private readonly number = /^\d+/;
  words = /[a-z]+/g;
  count(s: string): number {
    return (s.match(this.words) ?? []).length;
  }
}
const t = new Tokenizer();
console.log(t.count("ab cd 12 ef"), t.words.lastIndex);
const list: RegExp[] = [/a/, /b/i];
console.log(list, { re: /x/g }, [/y/]);
console.log(JSON.stringify({ re: /x/ }), typeof /x/, /x/ instanceof RegExp);
for (let i = 0; i < 3; i++) { const r = /a/g; console.log(r.test("aa"), r.lastIndex); }
const r2 = /a/g;
r2.lastIndex = 5;
console.log(r2.exec("aaa"), r2.lastIndex);
console.log("x1y2".replace(/\d/g, (d) => String(Number(d) * 2)));
console.log("abc".replace(/b/, "[$`|$'|$&]"), "aaa".replace(/a/g, "$$"));
console.log(`${/re/g}`, /a/.toString(), /[/]/.source, new RegExp("a/b").source);
const m = "key: value".match(/(?<k>\w+): (?<v>\w+)/);
if (m && m.groups) console.log(m.groups.k, m.groups["v"], Object.keys(m.groups));
const [, first, second] = /(\w)(\w)/.exec("xy") ?? [];
console.log(first, second);
console.log("a,b;c".split(/[,;]/).map((p) => p.toUpperCase()));
console.log("Straße".match(/SS/i), "ſ".match(/s/i), "K".match(/k/iu));
console.log(/\w/iu.test("ſ"), /\bs/iu.test("ſ"));
console.log("😀x".replace(/(?:)/gu, "-"), "😀x".replace(/(?:)/g, "-").length);
console.log("a.b.c".match("."), "a+b".search("\\+"));
console.log(new RegExp(/ab/g).flags, new RegExp(/ab/g, "i").flags, new RegExp(/a(b)/).exec("ab"));
const r = RegExp("q+");
console.log(r.test("qq"), r);
console.log(/(ω)\1/i.exec("ωx"), /(k)\1/iu.exec("k\u212a")?.[0], /(µ)\1/i.exec("µ\u039c")?.[0], /(s)\1/i.test("s\u017f"), /(ÿ)\1/i.test("ÿŸ"));
