/**
 * The registry of content kinds (src/core/pack/kinds): every kind file is
 * registered, each pack path is claimed by one kind at most, and what the
 * loader, the JSON Schemas and the store produce follows the registry.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONTENT_KINDS } from '../../src/core/pack/kinds';
import { jsonSchemas } from '../../src/core/pack/json-schema';
import { loadPack } from '../../src/core/pack/load';
import { packFolderFiles } from '../../src/node/pack-folder';

describe('content kinds', () => {
  it('every file in core/pack/kinds that defines a kind is in the registry', () => {
    const files = readdirSync('src/core/pack/kinds').filter((f) => !['kind.ts', 'index.ts'].includes(f));
    expect(files.map((f) => f.replace(/\.ts$/, '')).sort()).toEqual(CONTENT_KINDS.map((k) => k.key).sort());
  });

  it('claims each path of the built-in pack by one kind at most, and media and pack.yaml by none', async () => {
    const pack = await packFolderFiles('lessons');
    for (const { path } of pack.files) {
      const claimants = CONTENT_KINDS.filter((k) => k.match(path)).map((k) => k.key);
      if (path.startsWith('media/') || path === 'pack.yaml' || path === 'README.md') expect(claimants, path).toEqual([]);
      else expect(claimants, path).toHaveLength(1);
    }
  });

  it('loads one list per kind, each in the kind’s order', async () => {
    const loaded = await loadPack(await packFolderFiles('lessons'));
    for (const kind of CONTENT_KINDS) {
      const items: unknown[] = loaded[kind.key];
      expect(items.length, kind.key).toBeGreaterThan(0);
      const sorted = [...items].sort(kind.compare as (a: unknown, b: unknown) => number);
      expect(items, kind.key).toEqual(sorted);
    }
  });

  it('writes a JSON Schema for the pack and for every kind', () => {
    expect(Object.keys(jsonSchemas()).sort()).toEqual(['pack.schema.json', ...CONTENT_KINDS.map((k) => k.jsonSchema.file)].sort());
  });
});
