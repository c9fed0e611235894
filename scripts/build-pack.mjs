// Builds the built-in lesson pack with the same `qorgau pack build` that pack authors use.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'yaml';

mkdirSync('out/pack', { recursive: true });
execFileSync(process.execPath, ['bin/qorgau.mjs', 'pack', 'build', 'lessons', '-o', 'out/pack/builtin.qpack'], { stdio: 'inherit' });
const meta = parse(readFileSync('lessons/pack.yaml', 'utf8'));
writeFileSync('out/pack/builtin.json', JSON.stringify({ id: meta.id, version: meta.version }) + '\n');
