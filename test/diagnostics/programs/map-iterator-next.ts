// A Map's keys() is an array on devices, which iterates as the iterator does but has no next().
const ages = new Map([["ada", 36], ["alan", 41]]);
const names = ages.keys();
console.log(names.next().value); //! MOTE1001 "calling 'next' of a MapIterator" at names.next
