#!/usr/bin/env node
// The `tandem` command: runs src/cli/main.ts in this process through tsx's loader, so that the
// TypeScript sources need no build step. Works from any working directory (npx tandem, npm link).
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { register } from 'tsx/esm/api';

const cli = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../src/cli/main.ts');
register();
await import(pathToFileURL(cli).href);
