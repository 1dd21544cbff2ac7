// Removes custom properties (design tokens) that nothing uses from the bundled CSS.
// The Rijkshuisstijl token file defines ~1,500 of them; the app uses a small part. A property
// is kept when a `var(--name)` anywhere refers to it, directly or through another kept one.
import { readFileSync, writeFileSync } from "node:fs";

const file = process.argv[2];
const css = readFileSync(file, "utf8");
// A declaration starts after `{` or `;`; this keeps BEM class names such as
// `.nl-link--current:focus` from being read as a property.
const declaration = /(?<=[{;])\s*(--[\w-]+)\s*:\s*([^;}]*)/g;
const uses = (text) => [...text.matchAll(/var\(\s*(--[\w-]+)/g)].map((m) => m[1]);

const definitions = new Map();
for (const [, name, value] of css.matchAll(declaration)) {
  definitions.set(name, [...(definitions.get(name) ?? []), value]);
}
// Start from every var() outside custom-property values, then follow references.
const outside = css.replace(declaration, "");
const keep = new Set();
const queue = uses(outside);
while (queue.length > 0) {
  const name = queue.pop();
  if (keep.has(name)) continue;
  keep.add(name);
  for (const value of definitions.get(name) ?? []) queue.push(...uses(value));
}
const pruned = css.replace(/(?<=[{;])\s*(--[\w-]+)\s*:\s*([^;}]*)(;?)/g, (whole, name) => (keep.has(name) ? whole : ""));
writeFileSync(file, pruned.replace(/;;+/g, ";").replace(/\{;/g, "{").replace(/;\}/g, "}"));
console.log(`prune-tokens: kept ${keep.size} of ${definitions.size} custom properties`);
