// A method strings do not have is a type error.
const greeting = "hello";
console.log(greeting.shout()); //! TS2339 "Property 'shout' does not exist on type '\"hello\"'" at shout
