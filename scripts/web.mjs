// `npm run web`: builds the browser version if it is missing or older than its sources, then serves it.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { newest } from './newest.mjs';

const BUILT = 'out/web/index.html';

const builtAt = existsSync(BUILT) ? statSync(BUILT).mtimeMs : 0;
if (builtAt < Math.max(newest('src'), newest('lessons'), newest('assets'))) {
  const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
  execFileSync(process.execPath, ['scripts/build-pack.mjs'], { stdio: 'inherit' });
  execFileSync(npx, ['vite', 'build', '--config', 'vite.web.config.ts', '--logLevel', 'warn'], { stdio: 'inherit' });
}

const port = process.env.PORT ?? '4173';
console.log(`Qorgau is at http://localhost:${port}/ (add ?lang=kk, ?lang=ru or ?lang=en to pick the language)`);
const server = spawn(
  process.platform === 'win32' ? 'npx.cmd' : 'npx',
  ['vite', 'preview', '--config', 'vite.web.config.ts', '--port', port, '--strictPort', '--host', 'localhost'],
  { stdio: ['ignore', 'ignore', 'inherit'] },
);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
