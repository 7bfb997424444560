// Destructuring objects is not lowered yet; read the properties instead.
function area(size: { width: number; height: number }): number {
  const { width, height } = size; //! MOTE1001 "destructuring objects" at { width, height }
  return width * height;
}
console.log(area({ width: 2, height: 3 }));
