// Object literal methods need `this` bound to the object; devices take arrow-function properties.
const counter = {
  count: 0,
  increment() { //! MOTE1001 "methods and accessors in object literals" at increment()
    return 1;
  },
};
console.log(counter.count);
