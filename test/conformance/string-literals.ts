// String literals: ASCII, accented and CJK text, escapes, quotes, empty strings, printed raw by console.log.
console.log("hello, world");
console.log('single quotes');
console.log("héllo");
console.log("温度");
console.log("Grüße aus Köln — ½ °C");
console.log("Ελληνικά кириллица עברית");
console.log("tab\there");
console.log("two\nlines");
console.log("quote \" and apostrophe ' and backslash \\");
console.log('it\'s "fine"');
console.log("unicode escapes: \u00e9 \u6e29\u5ea6 \x41");
console.log("");
console.log("", "");
console.log(" leading and trailing spaces ");
console.log("   ");
const greeting = "Hi";
const sensor = "温度センサー";
console.log(greeting, sensor);
console.log("percent: 100%");
console.log("braces {} brackets [] and symbols ~!@#$^&*()_+-=|;:,.<>/?");
console.log("null", "undefined", "true", "0", "-0");
console.log("line with trailing newline\n");
console.log("carriage\rreturn");
const multi = "a" +
  "b" +
  "c";
console.log(multi);
const lower: string = "a";
console.log("é" === "\u00e9", "温" === "\u6e29", lower === "A", lower === "\x61");
