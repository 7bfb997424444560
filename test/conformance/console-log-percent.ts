// A first string argument with % directives is a format string when more arguments follow, as Node formats it.
console.log("100%");
console.log("50% done", 3);
console.log("%d items", 3);
console.log("%s and %s", "cats", "dogs");
console.log("%i", -7);
console.log("%d%%", 75);
console.log("%%");
console.log("%%", 1);
console.log("%d");
console.log("%s is %d years", "Ada", 36, "extra", true);
console.log("no directives", "%d", 5);
console.log(5, "%d", 6);
console.log("%x is not a directive", 1);
console.log("trailing %", 1);
console.log("%s", "温度", "%s");
console.log("%d + %d = %d", 2, 3, 2 + 3);
console.log("%s", true, false);
console.log("%d", -2147483648, "%i", 2147483647);
