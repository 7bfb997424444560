// A decorator may replace the method it decorates: a device cannot run it, so it is an error.
function logged(target: () => number, context: ClassMethodDecoratorContext): () => number {
  console.log("decorating", String(context.name));
  return target;
}
class Job {
  @logged //! MOTE1001 "decorators are not supported on devices" at @logged
  run(): number { return 1; }
}
console.log(new Job().run());
