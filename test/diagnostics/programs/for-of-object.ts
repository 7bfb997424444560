// Plain objects are not iterable (Object.entries gives their pairs): TypeScript says so.
const point = { x: 1, y: 2 };
for (const v of point) console.log(v); //! TS2488 at point)
