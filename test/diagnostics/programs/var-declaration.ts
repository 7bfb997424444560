// 'var' is hoisted and function-scoped; devices take let and const.
var total = 3; //! MOTE1001 "'var' is not supported on devices" at var
console.log(total);
