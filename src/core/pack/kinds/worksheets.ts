import type { Lang } from '../../base/languages';
import { compareText } from '../../base/order';
import { checkWorksheetSet, type WorksheetFile } from '../../worksheet/lint';
import type { Worksheet } from '../../worksheet/model';
import { parseWorksheet } from '../../worksheet/parse';
import { worksheetFrontMatterSchema } from '../../worksheet/schema';
import { checkImages } from '../media';
import type { ContentKind } from './kind';

/** A worksheet or family letter in one language, `worksheets/<id>/<lang>.md` (docs/worksheet-format.md). */
export interface LoadedWorksheet {
  worksheetId: string;
  lang: Lang;
  path: string;
  worksheet: Worksheet;
}

const PATH = /^worksheets\/([^/]+)\/([^/]+)\.md$/;

export const worksheetKind: ContentKind<'worksheets', LoadedWorksheet> = {
  key: 'worksheets',
  match(path) {
    const m = PATH.exec(path);
    return m?.[1] && m[2] ? { name: m[1], lang: m[2] } : undefined;
  },
  jsonSchema: { file: 'worksheet.schema.json', schema: worksheetFrontMatterSchema },
  async load(files, { meta, problems, mediaPaths, lessonIds, readText, packLanguage }) {
    // Each file on its own, then as a set.
    const parses: WorksheetFile[] = [];
    for (const { file, name: folder, lang = '' } of files) {
      const text = await readText(file);
      if (text === undefined) continue;
      if (!packLanguage(file, lang)) continue;
      const parsed = parseWorksheet(text, file.path, lang);
      problems.push(...parsed.problems);
      checkImages(text, file.path, 1, mediaPaths, problems);
      parses.push({ path: file.path, folder, lang, parsed });
    }
    if (meta) problems.push(...checkWorksheetSet(parses, lessonIds, meta.languages));
    return parses.flatMap(({ path, folder, lang, parsed }) => (parsed.worksheet ? [{ worksheetId: folder, lang, path, worksheet: parsed.worksheet }] : []));
  },
  compare: (a, b) => compareText(a.worksheetId, b.worksheetId) || compareText(a.lang, b.lang),
};
