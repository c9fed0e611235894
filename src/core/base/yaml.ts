import { isMap, isPair, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { problem, type Problem } from './problems';

export interface Located<T> {
  value?: T;
  problems: Problem[];
}

/**
 * Parses YAML and validates it against a schema, reporting every problem with
 * the file, line and column of the offending node. `lineOffset` shifts lines
 * for YAML that sits inside another file (front matter).
 */
export function parseYaml<S extends z.ZodType>(
  source: string,
  schema: S,
  file: string,
  lineOffset = 0,
): Located<z.infer<S>> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number) => {
    const pos = lineCounter.linePos(offset);
    return { file, line: pos.line + lineOffset, col: pos.col };
  };
  if (doc.errors.length > 0) {
    return {
      problems: doc.errors.map((e) => problem('yaml.syntax', { ...at(e.pos[0]), params: { detail: firstLine(e.message) } })),
    };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 50 });
  } catch (e) {
    return { problems: [problem('yaml.syntax', { file, line: 1 + lineOffset, col: 1, params: { detail: String(e) } })] };
  }
  const result = schema.safeParse(data ?? {});
  if (result.success) return { value: result.data, problems: [] };
  const problems: Problem[] = [];
  for (const issue of result.error.issues) {
    const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
    const field = path.join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        problems.push(problem('schema.unknownField', { ...at(keyOffset(doc, path, key)), params: { field: [...path, key].join('.') } }));
      }
    } else if (issue.code === 'invalid_type' && valueAt(data, path) === undefined) {
      problems.push(problem('schema.required', { ...at(nodeOffset(doc, path.slice(0, -1))), params: { field } }));
    } else {
      problems.push({ ...schemaProblem(issue, field), ...at(nodeOffset(doc, path)) });
    }
  }
  return { problems };
}

/** A zod issue as a translatable problem: the code says what is wrong, params say with what. */
function schemaProblem(issue: z.core.$ZodIssue, field: string): Problem {
  switch (issue.code) {
    case 'invalid_value':
      return problem('schema.notOneOf', { params: { field, values: issue.values.map(String).join(', ') } });
    case 'too_small':
      return problem(issue.origin === 'array' ? 'schema.tooFew' : issue.origin === 'string' ? 'schema.tooShort' : 'schema.tooSmall', {
        params: { field, min: Number(issue.minimum) },
      });
    case 'too_big':
      return problem(issue.origin === 'array' ? 'schema.tooMany' : issue.origin === 'string' ? 'schema.tooLong' : 'schema.tooBig', {
        params: { field, max: Number(issue.maximum) },
      });
    case 'invalid_format':
      return problem('schema.format', { params: { field } });
    case 'invalid_type':
      return problem('schema.type', { params: { field, expected: issue.expected } });
    default:
      return problem('schema.format', { params: { field } });
  }
}

function firstLine(s: string): string {
  return s.split('\n', 1)[0] ?? s;
}

function valueAt(data: unknown, path: (string | number)[]): unknown {
  let cur = data;
  for (const p of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[p];
  }
  return cur;
}

function nodeOffset(doc: Document, path: (string | number)[]): number {
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
    const range = (node as { range?: [number, number, number] } | null)?.range;
    if (range) return range[0];
  }
  return 0;
}

function keyOffset(doc: Document, path: (string | number)[], key: string): number {
  const parent = path.length === 0 ? doc.contents : doc.getIn(path, true);
  if (isMap(parent)) {
    for (const item of parent.items) {
      if (isPair(item) && isScalar(item.key) && item.key.value === key && item.key.range) return item.key.range[0];
    }
  }
  return nodeOffset(doc, path);
}
