// Text to number: Number(), unary +, parseInt with radixes, parseFloat, and what gives NaN.
const texts = ["42", " 3.25 ", "-0", "1e3", "0x1F", "0b101", "0o17", "", "  ", "12px", "abc", ".5", "5.", "Infinity", "-Infinity", "1_000", "+7"];
for (const t of texts) {
  console.log(JSON.stringify(t), Number(t), +t, parseFloat(t), parseInt(t));
}
console.log(parseInt("ff", 16), parseInt("0xff"), parseInt("777", 8), parseInt("z", 36), parseInt("12", 3), parseInt("9", 8));
console.log(parseInt("-42.9"), parseInt("  +17abc"), parseInt("1e3"), parseFloat("1e3x"), parseFloat("-.5e-2"));
console.log(parseInt("123456789012345678901234567890"), parseFloat("0.1234567890123456789"));
console.log(Number("9007199254740993"), Number("2.2250738585072011e-308"), Number("1e400"), Number("-1e-400"));
console.log(Number(true), Number(false), Number(null), isNaN(Number("x")));
// A sensor line "T=21.5;H=40.25;P=1013.2" parsed into fields.
const line = "T=21.5;H=40.25;P=1013.2";
let total = 0;
for (const field of line.split(";")) {
  const [name, value] = field.split("=");
  const n = parseFloat(value);
  total += n;
  console.log(name, n, n * 2);
}
console.log(total, total.toFixed(3));
