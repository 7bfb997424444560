// A string method JavaScript has but the device runtime does not implement yet.
const greeting: string = "hello";
console.log(greeting.toUpperCase()); //! MOTE1013 "calling 'greeting.toUpperCase'" at greeting.toUpperCase()
