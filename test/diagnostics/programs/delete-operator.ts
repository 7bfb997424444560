// delete changes an object's shape at run time; device arrays and objects have a fixed layout.
const readings: number[] = [10, 20, 30];
delete readings[1]; //! MOTE1010 "'delete'" at delete
console.log(readings.length);
