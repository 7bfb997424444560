// A computed key in object destructuring is not lowered yet; read the property instead.
function pick(size: { width: number; height: number }, key: "width" | "height"): number {
  const { [key]: value } = size; //! MOTE1001 "computed and numeric keys in object destructuring" at [key]
  return value;
}
console.log(pick({ width: 2, height: 3 }, "height"));
