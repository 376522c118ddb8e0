// `npm start`: builds the web app when it is missing, then runs the server (which migrates,
// seeds the demo company into an empty database and prints the demo logins).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const index = path.join(root, 'dist/web/index.html');

if (!fs.existsSync(index) || process.argv.includes('--rebuild')) {
  console.log('Building the web app (first start only)…');
  const { build } = await import('vite');
  await build({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn' });
}

const { register } = await import('tsx/esm/api');
register();
await import(path.join(root, 'src/server/main.ts'));
