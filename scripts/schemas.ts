// Writes docs/schema/*.json from the app's own schemas: `npm run schemas`.
import { writeFileSync } from 'node:fs';
import { jsonSchemas } from '../src/core/pack/json-schema';

for (const [name, schema] of Object.entries(jsonSchemas())) {
  writeFileSync(`docs/schema/${name}`, JSON.stringify(schema, null, 2) + '\n');
  console.log(`docs/schema/${name}`);
}
