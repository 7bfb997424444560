// MQTT topic names and topic filters (MQTT 3.1.1 §4.7): which topics a subscription's filter
// matches, so that the client hands each message to the handlers that asked for it, and
// which names and filters are valid before they go to the broker.

/**
 * Whether `topic` matches `filter`: `+` matches one whole level, `#` (last) matches the
 * level it stands in, all below it and the parent itself (`a/#` matches `a`), and a filter
 * starting with a wildcard does not match a topic starting with `$` (§4.7.2).
 */
export function topicMatches(filter: string, topic: string): boolean {
  if (topic.startsWith("$") && (filter.startsWith("+") || filter.startsWith("#"))) return false;
  const filterLevels = filter.split("/");
  const topicLevels = topic.split("/");
  for (let i = 0; i < filterLevels.length; i++) {
    const level = filterLevels[i];
    if (level === "#") return true;
    if (i >= topicLevels.length) return false;
    if (level !== "+" && level !== topicLevels[i]) return false;
  }
  return filterLevels.length === topicLevels.length;
}

/** Why `filter` is not a valid topic filter (§4.7.1), or undefined when it is. */
export function filterProblem(filter: string): string | undefined {
  if (filter.length === 0) return "a topic filter has at least one character";
  if (filter.includes("\u0000")) return "a topic filter cannot contain U+0000";
  const levels = filter.split("/");
  for (let i = 0; i < levels.length; i++) {
    const level = levels[i];
    if (level.includes("#") && (level !== "#" || i !== levels.length - 1)) return "'#' must be a whole level, the last one";
    if (level.includes("+") && level !== "+") return "'+' must be a whole level";
  }
  return undefined;
}

/** Why `topic` (in UTF-8, as it is sent) is not a valid topic name to publish to (§4.7.3),
 *  or undefined when it is. It looks at bytes rather than the string: on a device a byte
 *  costs a few instructions and a string search a good many. */
export function topicProblem(topic: Uint8Array): string | undefined {
  if (topic.length === 0) return "a topic name has at least one character";
  for (let i = 0; i < topic.length; i++) {
    const byte = topic[i];
    if (byte === PLUS || byte === HASH) return "a topic name cannot contain the wildcards '+' or '#'";
    if (byte === 0) return "a topic name cannot contain U+0000";
  }
  return undefined;
}

const PLUS = 0x2b;
const HASH = 0x23;
