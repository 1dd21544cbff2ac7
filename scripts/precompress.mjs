// Trunk post-build hook: write brotli (.br) and gzip (.gz) copies beside every text or Wasm
// asset, so the server can send them as they are instead of compressing on every request.
// Uses only Node's own zlib.
import { readdirSync, readFileSync, writeFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, gzipSync, constants } from "node:zlib";

// Trunk's staging directory, or the folders and files named as arguments.
const targets = process.env.TRUNK_STAGING_DIR ? [process.env.TRUNK_STAGING_DIR] : process.argv.slice(2);
if (targets.length === 0) {
  console.error("precompress: nothing to compress (TRUNK_STAGING_DIR or arguments)");
  process.exit(2);
}
const compressible = /\.(html|js|mjs|css|wasm|svg|json|webmanifest|txt)$/;

function walk(path) {
  for (const name of readdirSync(path)) {
    const full = join(path, name);
    if (statSync(full).isDirectory()) {
      walk(full);
    } else if (compressible.test(name)) {
      compress(full);
    }
  }
}

function compress(full) {
  const data = readFileSync(full);
  writeFileSync(
    `${full}.br`,
    brotliCompressSync(data, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 11,
        [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
      },
    }),
  );
  writeFileSync(`${full}.gz`, gzipSync(data, { level: 9 }));
}

for (const target of targets) {
  if (statSync(target).isDirectory()) walk(target);
  else compress(target);
}
