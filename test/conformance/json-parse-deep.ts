// JSON.parse of deeply nested documents (arrays, objects, and both alternating), read back by
// walking them and written again with JSON.stringify.
function nested(depth: number, open: string, close: string, leaf: string): string {
  return open.repeat(depth) + leaf + close.repeat(depth);
}

function arrayDepth(value: unknown): number {
  let depth = 0;
  while (Array.isArray(value)) {
    depth++;
    value = value.length > 0 ? value[0] : undefined;
  }
  return depth;
}

interface Node { next?: Node; list?: Node[]; value?: number }
function objectDepth(node: Node): number {
  let depth = 0;
  let at: Node | undefined = node;
  while (at !== undefined) {
    depth++;
    at = at.next !== undefined ? at.next : at.list !== undefined ? at.list[0] : undefined;
  }
  return depth;
}

// The parser keeps open arrays on a stack of its own: depth costs heap, not call stack.
console.log(arrayDepth(JSON.parse(nested(150, "[", "]", "[]"))));
for (const depth of [1, 8, 20]) {
  const arrays = JSON.parse(nested(depth, "[", "]", "7"));
  const objects = JSON.parse(nested(depth, '{"next":', "}", '{"value":1}')) as Node;
  const mixed = JSON.parse(nested(depth, '{"list":[', "]}", '{"value":2}')) as Node;
  console.log(depth, arrayDepth(arrays), objectDepth(objects), objectDepth(mixed));
  if (depth <= 8) console.log(JSON.stringify(arrays), JSON.stringify(objects).length, JSON.stringify(mixed).length);
}
console.log(JSON.parse(nested(5, "[", "]", "1")), JSON.parse(nested(4, '{"next":', "}", "{}")));
console.log(JSON.parse(nested(3, '{"list":[', "]}", "null")));
try {
  JSON.parse(nested(12, "[", "]", "1") + "]");
} catch (e) {
  console.log((e as Error).message);
}
