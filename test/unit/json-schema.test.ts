import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { jsonSchemas } from '../../src/core/pack/json-schema';

describe('JSON Schemas for pack authors', () => {
  it.each(Object.entries(jsonSchemas()))('docs/schema/%s matches the schema the app validates with (run npm run schemas)', (name, schema) => {
    expect(JSON.parse(readFileSync(`docs/schema/${name}`, 'utf8'))).toEqual(schema);
  });

  it('refuses unknown fields, so editors flag typos as the app does', () => {
    const { 'lesson.schema.json': lesson } = jsonSchemas() as Record<string, { additionalProperties?: boolean; required?: string[] }>;
    expect(lesson?.additionalProperties).toBe(false);
    expect(lesson?.required).toEqual(expect.arrayContaining(['id', 'title', 'topic', 'ageBands', 'minutes', 'objectives', 'vocabulary']));
  });
});
