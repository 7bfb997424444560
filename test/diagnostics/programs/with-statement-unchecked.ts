// @ts-nocheck
// With the type checker silenced, mote's subset check still refuses 'with'.
const point = [3, 4];
with (point) { //! MOTE1004 "'with' is not supported on devices" at with
  console.log(length);
}
