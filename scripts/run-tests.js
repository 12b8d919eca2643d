#!/usr/bin/env node
// Runs every compiled unit, golden and CLI test (out/test/**/*.test.js, except the VS Code e2e suite)
// with node:test. Extra arguments are passed to `node --test` (e.g. --test-name-pattern=golden).
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..', 'out', 'test');
const files = [];
(function collect(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'e2e') collect(full);
    } else if (entry.name.endsWith('.test.js')) files.push(full);
  }
})(root);
if (files.length === 0) {
  console.error('no compiled tests found in out/test: run `npm run build:tests` first');
  process.exit(1);
}
const result = spawnSync(process.execPath, ['--test', '--enable-source-maps', ...process.argv.slice(2), ...files.sort()], { stdio: 'inherit' });
process.exit(result.status ?? 1);
