// The English HTML beside the Dutch. The HTML files that are not made by the app (the nine
// Trunk entry pages, the offline page) carry each text in both languages, the English in a
// `data-en` attribute of the element that holds the Dutch:
//   <title data-en="Your case – Bondgenoot">Uw zaak – Bondgenoot</title>
// `toEnglish` makes the English page of such a file, `withoutEnglish` the Dutch one.
//
//   node e2e/build/english.mjs entries   writes .en-<name>.html beside each entry page (for
//                                        `trunk build --features en`; git ignores them)
//   node e2e/build/english.mjs strip <dir>   takes the data-en attributes out of the built
//                                        pages under <dir> (the Dutch ones keep only Dutch)
import { readdirSync, readFileSync, writeFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const attribute = /\sdata-en=("[^"]*"|'[^']*'|[^\s"'>]+)/;
const unquote = (value) => value.replace(/^["']|["']$/g, "");

/** The English page: every element with a `data-en` holds that text instead (a `<meta>` in
 *  its `content`), `lang` is `en`, and the service worker is told the language. */
export function toEnglish(html) {
  let english = html.replace(/<html lang="?nl"?/, '<html lang="en"');
  // An element with only text inside: its text becomes the English.
  english = english.replace(
    /<(\w+)([^>]*?)\sdata-en=("[^"]*"|'[^']*'|[^\s"'>]+)([^>]*)>([^<]*)<\/\1>/g,
    (_, tag, before, en, after) => `<${tag}${before}${after}>${unquote(en)}</${tag}>`,
  );
  // A <meta> holds its text in `content`.
  english = english.replace(/<meta([^>]*)>/g, (tag) => {
    const found = tag.match(attribute);
    if (!found) return tag;
    return tag.replace(attribute, "").replace(/content=("[^"]*"|'[^']*'|[^\s"'>]+)/, `content="${unquote(found[1])}"`);
  });
  english = english.replace('register("/sw.js"', 'register("/sw.js?taal=en"');
  // The installable app's name and description: public/**/manifest.en.webmanifest, built
  // into dist/en/ (the Dutch build's manifest stays at its own address).
  english = english
    .replace(/(href="public\/(?:[\w-]+\/)?manifest)\.webmanifest"/g, '$1.en.webmanifest"')
    .replace(/<link rel="manifest" href="\/((?:[\w-]+\/)?)manifest\.webmanifest"/, '<link rel="manifest" href="/en/$1manifest.en.webmanifest"');
  if (attribute.test(english)) throw new Error(`a data-en attribute is left: ${english.match(attribute)[0]}`);
  return english;
}

/** The Dutch page: the English attributes taken out. */
export function withoutEnglish(html) {
  return html.replace(new RegExp(attribute.source, "g"), "");
}

const root = resolve(import.meta.dirname, "../..");
// Run as a command (not when first-paint.mjs imports the two functions above).
const [mode, dir] = import.meta.url === pathToFileURL(process.argv[1]).href ? process.argv.slice(2) : [];
if (mode === "entries") {
  for (const name of readdirSync(root).filter((n) => n.endsWith(".html") && !n.startsWith("."))) {
    writeFileSync(join(root, `.en-${name}`), toEnglish(readFileSync(join(root, name), "utf8")));
  }
} else if (mode === "strip") {
  const walk = (folder) => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith(".html")) writeFileSync(path, withoutEnglish(readFileSync(path, "utf8")));
    }
  };
  walk(resolve(dir));
} else if (mode !== undefined) {
  throw new Error(`unknown mode ${mode}: entries or strip`);
}
