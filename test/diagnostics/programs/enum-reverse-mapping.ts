// An enum's reverse mapping (Color[0] is "Red") is not modelled on devices.
enum Color { Red, Green }
console.log(Color[0]); //! MOTE1001 "object keys are strings on devices" at 0]
