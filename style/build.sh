#!/bin/sh
# Builds style/dist/bondgenoot.css (Trunk's pre-build hook): bundle and minify the NL Design
# System CSS with our own, drop design tokens nothing uses, then parse the result once more so
# a broken file fails the build instead of reaching the browser.
set -eu
cd "$(dirname "$0")"
mkdir -p dist
node_modules/.bin/lightningcss --bundle --minify --targets '>= 0.5%, not dead' main.css -o dist/bondgenoot.css
node prune-tokens.mjs dist/bondgenoot.css
node_modules/.bin/lightningcss dist/bondgenoot.css > /dev/null
