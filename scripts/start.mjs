// `npm start` (and `npm run dev`, with --dev: hot reload): builds and opens the desktop app,
// or says plainly what to do when Electron is missing.
import { execFileSync, spawnSync } from 'node:child_process';
import { electronBinary } from './electron-binary.mjs';

if (!electronBinary()) {
  console.error(
    [
      '',
      'Qorgau cannot open its desktop window: the Electron program is not installed.',
      'It is downloaded by `npm install`, and that download did not happen on this network.',
      '',
      'You can use Qorgau in your web browser instead:',
      '    npm run web',
      'then open http://localhost:4173',
      '',
      'To get the desktop app, run `npm install` again on a network that can download Electron.',
      '',
    ].join('\n'),
  );
  process.exit(1);
}

execFileSync(process.execPath, ['scripts/build-pack.mjs'], { stdio: 'inherit' });
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const mode = process.argv.includes('--dev') ? 'dev' : 'preview';
const result = spawnSync(npx, ['electron-vite', mode], { stdio: 'inherit' });
process.exit(result.status ?? 1);
