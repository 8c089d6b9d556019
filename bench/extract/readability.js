// bench/extract/readability.js: the peer of `casewatch extract --out-dir`:
// Mozilla Readability on jsdom, all pages in one node process.
// usage: node readability.js OUT_DIR FILE...
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const { JSDOM, VirtualConsole } = require('jsdom');
const { Readability } = require('@mozilla/readability');

const [outDir, ...files] = process.argv.slice(2);
fs.mkdirSync(outDir, { recursive: true });
const quiet = new VirtualConsole(); // page scripts are not run; drop CSS noise
let failed = 0;
for (const file of files) {
  let data = fs.readFileSync(file);
  if (data[0] === 0x1f && data[1] === 0x8b) data = zlib.gunzipSync(data);
  const name = path.basename(file).replace(/\.gz$/, '').replace(/\.html?$/, '');
  try {
    const dom = new JSDOM(data.toString('utf8'), { url: 'https://example.org/', virtualConsole: quiet });
    const article = new Readability(dom.window.document).parse();
    fs.writeFileSync(path.join(outDir, name + '.txt'), article ? article.textContent : '');
    dom.window.close();
  } catch (e) {
    failed++;
  }
}
if (failed) console.error(`readability: ${failed} pages failed`);
