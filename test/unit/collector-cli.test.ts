import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isLoopbackHost, run } from '../../src/collector/cli';
import { openSqlite } from '../../src/collector/sqlite';
import { makeBatch, makeCounts, makeFile } from '../support/collector';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'qorgau-collector-'));
  dirs.push(dir);
  const env = { COLLECTOR_SQLITE: join(dir, 'db.sqlite'), INIT_CWD: dir };
  const out: string[] = [];
  const err: string[] = [];
  const cli = (...argv: string[]) => run(argv, { out: (l) => out.push(l), err: (l) => err.push(l) }, env);
  return { dir, env, out, err, cli };
}

describe('collector admin command line', () => {
  it('adds a region, a school and a token, and imports a file twice counting it once', async () => {
    const { dir, env, out, err, cli } = setup();
    expect(await cli('add-region', 'ALM', 'Almaty')).toBe(0);
    expect(await cli('add-school', 'ALM', 'ALM-001', 'School 1')).toBe(0);
    expect(await cli('add-token', 'ALM-001')).toBe(0);
    const token = out.at(-1)!;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(err.at(-1)).toMatch(/only time/);
    const batches = [makeBatch(makeCounts(10)), makeBatch(makeCounts(12, '2025-03-11'))];
    writeFileSync(join(dir, 'stats.json'), JSON.stringify(makeFile(batches)));
    expect(await cli('import', 'stats.json', '--token', token)).toBe(0);
    expect(out.at(-1)).toMatch(/2 stored, 0 already stored/);
    expect(await cli('import', '--token', token, 'stats.json')).toBe(0);
    expect(out.at(-1)).toMatch(/0 stored, 2 already stored/);
    const storage = openSqlite(env.COLLECTOR_SQLITE);
    expect((await storage.summary()).total).toBe(batches.flatMap((b) => b.counts).reduce((n, c) => n + c.count, 0));
    await storage.close();
  });

  it('refuses to serve on an address others can reach without a viewer password, saying why', async () => {
    const { env, err } = setup();
    for (const host of ['0.0.0.0', '192.0.2.10', '::']) {
      const code = await run(['serve'], { out: () => undefined, err: (l) => err.push(l) }, { ...env, HOST: host, PORT: '0' });
      expect(code, host).toBe(1);
      expect(err.at(-1)).toContain(`Refusing to listen on ${host} without COLLECTOR_VIEWER_PASSWORD`);
    }
    expect(['127.0.0.1', 'localhost', '::1', '[::1]', '127.0.0.2'].every(isLoopbackHost)).toBe(true);
    // With the password it starts (on loopback here, as tests may not listen elsewhere).
    const app = await run(['serve'], { out: () => undefined, err: (l) => err.push(l) }, { ...env, HOST: '127.0.0.1', PORT: '0', COLLECTOR_VIEWER_PASSWORD: 'long enough secret' });
    expect(typeof app).toBe('object');
    if (typeof app === 'object') await app.close();
  });

  it('exits 1 for refusals and 2 for wrong usage', async () => {
    const { dir, out, err, cli } = setup();
    expect(await cli('add-school', 'NOPE', 'S-1', 'School')).toBe(1);
    expect(err.at(-1)).toMatch(/No region NOPE/);
    expect(await cli('import', 'x.json', '--token', 'unknown')).toBe(1);
    writeFileSync(join(dir, 'bad.json'), '{"format":"qorgau-stats-file"');
    await cli('add-region', 'R', 'Region');
    await cli('add-school', 'R', 'S', 'School');
    await cli('add-token', 'S');
    expect(await cli('import', 'bad.json', '--token', out.at(-1)!)).toBe(1);
    expect(err.at(-1)).toMatch(/not valid JSON/);
    expect(await cli('import', 'missing.json', '--token', out.at(-1)!)).toBe(2);
    expect(await cli('add-region', 'R', 'Again')).toBe(1);
    expect(await cli('add-region', 'only-code')).toBe(2);
    expect(await cli('frobnicate')).toBe(2);
    expect(err.at(-1)).toMatch(/^Usage:/);
  });
});
