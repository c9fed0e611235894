import { z } from 'zod';
import { quizSchema } from '../quiz/schema';
import { scenarioSchema } from '../scenario/schema';
import { worksheetFrontMatterSchema } from '../worksheet/schema';
import { lessonFrontMatterSchema, packSchema } from './schema';

/** JSON Schemas for editors, generated from the same zod schemas the app validates with. */
export function jsonSchemas(): Record<string, unknown> {
  const make = (schema: z.ZodType) => z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input' });
  return {
    'pack.schema.json': make(packSchema),
    'lesson.schema.json': make(lessonFrontMatterSchema),
    'scenario.schema.json': make(scenarioSchema),
    'worksheet.schema.json': make(worksheetFrontMatterSchema),
    'quiz.schema.json': make(quizSchema),
  };
}
