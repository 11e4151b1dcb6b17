#!/usr/bin/env node
// Installed entry point: the bundled CLI (run `npm run build` first in a checkout).
await import('../dist/cli.mjs');
