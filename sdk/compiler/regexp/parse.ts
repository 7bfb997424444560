// Regular expression patterns (ECMA-262 §22.2.1, with Annex B's web syntax when the u flag is
// off) parsed at build time into a tree that compile.ts turns into matcher code.
//
// The host's own engine is the referee: a pattern is first compiled with `new RegExp` on the
// build machine (V8, as under Node), so a syntax error is V8's error, word for word, and this
// parser only ever reads patterns V8 accepts. Character classes are not interpreted here at
// all: their source text is handed back to V8, which enumerates the code points they match
// under the pattern's flags (compile.ts), so case folding, \w under u+i, \p{…} and the Annex B
// corner cases of classes are V8's by construction.

export type Node =
  | { kind: "empty" }
  | { kind: "char"; value: number; source: string }
  /** A character class, \d-style escape or a \p{…}: matched as the set V8 gives for `source`. */
  | { kind: "set"; source: string }
  | { kind: "dot" }
  | { kind: "sequence"; items: Node[] }
  | { kind: "alternation"; alternatives: Node[] }
  /** `index` is 0 for a non-capturing group. */
  | { kind: "group"; index: number; body: Node }
  | { kind: "look"; behind: boolean; negative: boolean; body: Node }
  | { kind: "assertion"; which: "start" | "end" | "boundary" | "not-boundary" }
  | { kind: "backreference"; index: number }
  | { kind: "repeat"; body: Node; min: number; max: number; greedy: boolean };

export interface Pattern {
  root: Node;
  /** Capturing groups, not counting the whole match. */
  groupCount: number;
  /** Group names by group index (1-based; index 0 unused), undefined for unnamed groups. */
  names: (string | undefined)[];
}

export const INFINITE = Number.POSITIVE_INFINITY;

/** V8's message for an invalid pattern or flags, or undefined when V8 accepts them. */
export function patternError(source: string, flags: string): string | undefined {
  try {
    new RegExp(source, flags);
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

const SYNTAX_CHARACTERS = "^$\\.*+?()[]{}|/";

/** Parses a pattern V8 accepted (patternError returned undefined). */
export function parsePattern(source: string, unicode: boolean): Pattern {
  const { groupCount, names } = scanGroups(source);
  const hasNamedGroups = names.some((n) => n !== undefined);
  let at = 0;
  let nextGroup = 1;
  const peek = (offset = 0) => source[at + offset];
  const eat = (c: string) => {
    if (source[at] !== c) throw new Error(`regexp parser: expected '${c}' at ${at} in /${source}/`);
    at++;
  };

  function disjunction(): Node {
    const alternatives = [alternative()];
    while (peek() === "|") {
      at++;
      alternatives.push(alternative());
    }
    return alternatives.length === 1 ? alternatives[0] : { kind: "alternation", alternatives };
  }

  function alternative(): Node {
    const items: Node[] = [];
    while (at < source.length && peek() !== "|" && peek() !== ")") items.push(term());
    if (items.length === 0) return { kind: "empty" };
    return items.length === 1 ? items[0] : { kind: "sequence", items };
  }

  function term(): Node {
    const atomNode = atom();
    // Assertions other than lookaheads are not quantifiable (V8 already refused those).
    if (atomNode.kind === "assertion" || (atomNode.kind === "look" && atomNode.behind)) return atomNode;
    return quantified(atomNode);
  }

  function quantified(body: Node): Node {
    let min: number, max: number;
    const c = peek();
    if (c === "*") { min = 0; max = INFINITE; at++; }
    else if (c === "+") { min = 1; max = INFINITE; at++; }
    else if (c === "?") { min = 0; max = 1; at++; }
    else if (c === "{") {
      const braces = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(at));
      if (!braces) return body; // Annex B: a literal '{' (handled by atom next time)
      min = Number(braces[1]);
      max = braces[2] === undefined ? min : braces[3] === "" ? INFINITE : Number(braces[3]);
      at += braces[0].length;
    } else {
      return body;
    }
    let greedy = true;
    if (peek() === "?") { greedy = false; at++; }
    return { kind: "repeat", body, min, max, greedy };
  }

  function atom(): Node {
    const c = peek();
    switch (c) {
      case "^": at++; return { kind: "assertion", which: "start" };
      case "$": at++; return { kind: "assertion", which: "end" };
      case ".": at++; return { kind: "dot" };
      case "[": return characterClass();
      case "(": return group();
      case "\\": return escape();
    }
    if (c === "{" && !unicode) {
      // Annex B: '{' that starts no quantifier is itself.
      at++;
      return char(0x7b, "\\{");
    }
    const point = unicode ? source.codePointAt(at)! : source.charCodeAt(at);
    const text = String.fromCodePoint(point);
    at += text.length;
    return char(point, SYNTAX_CHARACTERS.includes(text) ? `\\${text}` : text);
  }

  function char(value: number, text: string): Node {
    return { kind: "char", value, source: text };
  }

  function characterClass(): Node {
    const start = at;
    at++;
    while (peek() !== "]") {
      if (peek() === "\\") at++;
      at++;
    }
    at++;
    return { kind: "set", source: source.slice(start, at) };
  }

  function group(): Node {
    eat("(");
    let node: Node;
    if (peek() === "?") {
      at++;
      const c = peek();
      if (c === ":") {
        at++;
        node = { kind: "group", index: 0, body: disjunction() };
      } else if (c === "=" || c === "!") {
        at++;
        node = { kind: "look", behind: false, negative: c === "!", body: disjunction() };
      } else if (c === "<" && (peek(1) === "=" || peek(1) === "!")) {
        const negative = peek(1) === "!";
        at += 2;
        node = { kind: "look", behind: true, negative, body: disjunction() };
      } else {
        // (?<name>…)
        const end = source.indexOf(">", at);
        at = end + 1;
        const index = nextGroup++;
        node = { kind: "group", index, body: disjunction() };
      }
    } else {
      const index = nextGroup++;
      node = { kind: "group", index, body: disjunction() };
    }
    eat(")");
    return node;
  }

  function escape(): Node {
    eat("\\");
    const c = peek();
    const start = at - 1;
    switch (c) {
      case "b": at++; return { kind: "assertion", which: "boundary" };
      case "B": at++; return { kind: "assertion", which: "not-boundary" };
      case "d": case "D": case "w": case "W": case "s": case "S":
        at++;
        return { kind: "set", source: `\\${c}` };
      case "p": case "P":
        if (unicode) {
          at = source.indexOf("}", at) + 1;
          return { kind: "set", source: source.slice(start, at) };
        }
        break;
      case "k":
        if (unicode || hasNamedGroups) {
          const end = source.indexOf(">", at);
          const name = source.slice(at + 2, end);
          at = end + 1;
          return { kind: "backreference", index: names.indexOf(name) };
        }
        break;
    }
    if (c >= "1" && c <= "9") {
      const digits = /^\d+/.exec(source.slice(at))![0];
      if (unicode || Number(digits) <= groupCount) {
        at += digits.length;
        return { kind: "backreference", index: Number(digits) };
      }
      // Annex B: a legacy octal escape, or 8 and 9 as themselves.
      if (c >= "8") { at++; return char(c.charCodeAt(0), c); }
      return legacyOctal(start);
    }
    if (c === "0") {
      if (!unicode && /[0-7]/.test(peek(1) ?? "")) return legacyOctal(start);
      at++;
      return char(0, "\\0");
    }
    const value = characterEscape();
    return char(value, source.slice(start, at));
  }

  /** Up to three octal digits, the value at most 0o377. */
  function legacyOctal(start: number): Node {
    let value = 0;
    let digits = 0;
    while (digits < 3 && /[0-7]/.test(peek() ?? "") && value * 8 + Number(peek()) <= 0o377) {
      value = value * 8 + Number(peek());
      at++;
      digits++;
    }
    return char(value, source.slice(start, at));
  }

  /** The character of an escape after the backslash (not a class or a backreference). */
  function characterEscape(): number {
    const c = peek();
    at++;
    switch (c) {
      case "t": return 9;
      case "n": return 10;
      case "v": return 11;
      case "f": return 12;
      case "r": return 13;
      case "c": {
        const letter = peek();
        if (letter && /[A-Za-z]/.test(letter)) { at++; return letter.charCodeAt(0) % 32; }
        at--; // Annex B: "\c" is a backslash, then c is read as itself
        return 0x5c;
      }
      case "x": {
        const hex = /^[0-9A-Fa-f]{2}/.exec(source.slice(at));
        if (hex) { at += 2; return parseInt(hex[0], 16); }
        return 0x78;
      }
      case "u": {
        if (unicode && peek() === "{") {
          const end = source.indexOf("}", at);
          const value = parseInt(source.slice(at + 1, end), 16);
          at = end + 1;
          return value;
        }
        const hex = /^[0-9A-Fa-f]{4}/.exec(source.slice(at));
        if (!hex) return 0x75;
        at += 4;
        const unit = parseInt(hex[0], 16);
        // Under u, an escaped surrogate pair is one code point.
        const low = unicode && unit >= 0xd800 && unit <= 0xdbff ? /^\\u(d[c-f][0-9a-f]{2})/i.exec(source.slice(at)) : null;
        if (low) {
          at += 6;
          return 0x10000 + ((unit - 0xd800) << 10) + (parseInt(low[1], 16) - 0xdc00);
        }
        return unit;
      }
    }
    // An identity escape: the character itself (under u, only syntax characters and '/').
    const point = source.codePointAt(at - 1)!;
    if (point > 0xffff) at++;
    return point;
  }

  const root = disjunction();
  if (at !== source.length) throw new Error(`regexp parser: stopped at ${at} in /${source}/`);
  return { root, groupCount, names };
}

/** The number of capturing groups and their names, by a scan that skips escapes and classes
 *  (a backreference \N needs the count before the parser reaches the group). */
function scanGroups(source: string): { groupCount: number; names: (string | undefined)[] } {
  const names: (string | undefined)[] = [undefined];
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === "\\") { i++; continue; }
    if (c === "[") {
      i++;
      while (i < source.length && source[i] !== "]") { if (source[i] === "\\") i++; i++; }
      continue;
    }
    if (c !== "(") continue;
    if (source[i + 1] !== "?") { names.push(undefined); continue; }
    if (source[i + 2] === "<" && source[i + 3] !== "=" && source[i + 3] !== "!") {
      names.push(source.slice(i + 3, source.indexOf(">", i + 3)));
    }
  }
  return { groupCount: names.length - 1, names };
}
