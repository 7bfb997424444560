// Objects are not on devices yet: the object literal is reported first (module code is
// compiled before the functions it calls), and destructuring one is refused too.
function area(size: { width: number; height: number }): number {
  const { width, height } = size;
  return width * height;
}
console.log(area({ width: 2, height: 3 })); //! MOTE1001 "'object literal expression' is not supported" at { width: 2
