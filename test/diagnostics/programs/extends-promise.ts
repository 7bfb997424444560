// A subclass of Promise would need species constructors; devices have one Promise class.
class Task extends Promise<number> { //! MOTE1001 "extending Promise" at Promise<number>
  label = "task";
}
new Task((resolve) => resolve(1)).then((v) => console.log(v));
