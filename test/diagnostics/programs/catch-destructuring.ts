// A caught value is bound to a name on devices; destructuring it needs objects.
try {
  throw new Error("x");
} catch ({ message }: any) { //! MOTE1001 "destructuring a caught value" at { message }
  console.log(message);
}
