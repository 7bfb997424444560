// An enum as an object (its reverse mapping) needs objects, which devices do not have yet.
enum Color { Red, Green }
console.log(Color[0]); //! MOTE1001 "indexing a value of type 'typeof Color'" at Color
