#!/usr/bin/env node
// `npx mailroom <command>`: runs the built command line (dist/), never rebuilding, so it works inside the image.
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const main = join(__dirname, '..', 'dist', 'apps', 'cli', 'src', 'main.js');
if (!existsSync(main)) {
  console.error('Mailroom is not built here: run `npm run build` first (the Docker image is built already).');
  process.exit(1);
}
require(main)
  .run(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
