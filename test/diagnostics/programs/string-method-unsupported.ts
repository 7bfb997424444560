// A string method JavaScript has but the device runtime does not implement yet.
const greeting: string = "hello";
console.log(greeting.localeCompare("world")); //! MOTE1013 "the string method 'localeCompare'" at greeting.localeCompare(
