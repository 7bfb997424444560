// A rest property in object destructuring is not lowered yet; name the properties instead.
function area(size: { width: number; height: number; depth: number }): number {
  const { width, ...others } = size; //! MOTE1001 "rest property in object destructuring" at ...others
  return width * others.height;
}
console.log(area({ width: 2, height: 3, depth: 4 }));
