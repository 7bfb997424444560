// matchAll needs the g flag: without it, a TypeError with V8's message once the earlier
// matches of the program have printed.
const text = "id=7 id=8";
for (const m of text.matchAll(/id=(\d)/g)) console.log(m[1], m.index);
const once = /id=(\d)/;
console.log(text.match(once)?.[1]);
console.log([...text.matchAll(once)].length); //! throws TypeError
