// Proxy intercepts property access at run time; device objects have a fixed layout.
const target: number[] = [1, 2, 3];
const watched = new Proxy(target, {}); //! MOTE1005 "'Proxy'" at Proxy(
console.log(watched.length);
