// console.log prints arrays and plain objects as Node does; a class instance (which Node
// prints with its class name) is not supported yet.
class Point {
  constructor(public x: number, public y: number) {}
}
console.log(new Point(1, 2)); //! MOTE1013 "console.log of a value of type 'Point'" at new Point(1, 2)
