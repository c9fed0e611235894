import { z } from 'zod';
import { CONTENT_KINDS } from './kinds';
import { packSchema } from './schema';

/** JSON Schemas for editors, generated from the same zod schemas the app validates with: the pack's and each kind's. */
export function jsonSchemas(): Record<string, unknown> {
  const make = (schema: z.ZodType) => z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input' });
  return {
    'pack.schema.json': make(packSchema),
    ...Object.fromEntries(CONTENT_KINDS.map((k) => [k.jsonSchema.file, make(k.jsonSchema.schema)])),
  };
}
