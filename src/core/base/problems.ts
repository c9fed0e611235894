/**
 * A problem found in a pack. Problems carry a code and parameters, never
 * prose: the UI translates them with the locale files, the CLI prints them
 * in English with the same catalogue. `file` is a path inside the pack.
 */
export type ProblemCode =
  // the container
  | 'zip.notZip'
  | 'zip.corrupt'
  | 'zip.unsafePath'
  | 'zip.symlink'
  | 'zip.encrypted'
  | 'zip.unsupportedMethod'
  | 'zip.tooManyEntries'
  | 'zip.fileTooLarge'
  | 'zip.tooLarge'
  | 'zip.ratio'
  | 'zip.duplicateEntry'
  | 'zip.checksum'
  | 'folder.unsafeEntry'
  | 'folder.unreadable'
  // manifest
  | 'manifest.missing'
  | 'manifest.invalid'
  | 'manifest.hashMismatch'
  | 'manifest.sizeMismatch'
  | 'manifest.unlisted'
  | 'manifest.missingFile'
  // files and text
  | 'file.invalidUtf8'
  | 'file.unexpected'
  | 'file.mediaType'
  | 'media.unsafeSvg'
  | 'pack.missingPackYaml'
  | 'yaml.syntax'
  | 'frontMatter.missing'
  | 'frontMatter.unclosed'
  // schema
  | 'schema.unknownField'
  | 'schema.required'
  | 'schema.notOneOf'
  | 'schema.tooFew'
  | 'schema.tooMany'
  | 'schema.tooShort'
  | 'schema.tooLong'
  | 'schema.tooSmall'
  | 'schema.tooBig'
  | 'schema.format'
  | 'schema.type'
  // meaning
  | 'lesson.idMismatch'
  | 'lesson.duplicateId'
  | 'lesson.missingLanguage'
  | 'lesson.unknownLanguage'
  | 'lesson.missingMedia'
  | 'lesson.remoteImage'
  | 'lesson.unknownBlock'
  | 'lesson.unclosedBlock'
  // scenarios (src/core/scenario/lint.ts)
  | 'scenario.idMismatch'
  | 'scenario.duplicateId'
  | 'scenario.reservedCharacter'
  | 'scenario.missingText'
  | 'scenario.unknownCharacter'
  | 'scenario.showNotInSkin'
  | 'scenario.badCondition'
  | 'scenario.unknownFlag'
  | 'scenario.unknownSkill'
  | 'scenario.deadEnd'
  | 'scenario.choicesAndEnding'
  | 'scenario.promptOnEnding'
  | 'scenario.stuckChoices'
  | 'scenario.whenWithoutOtherwise'
  | 'scenario.otherwiseWithoutWhen'
  | 'scenario.danglingNext'
  | 'scenario.otherwiseLoop'
  | 'scenario.unreachable'
  | 'scenario.noEnding'
  | 'scenario.trapped'
  // importing Twine stories (src/core/scenario/twee.ts)
  | 'twee.empty'
  | 'twee.badHeader'
  | 'twee.badMetadata'
  | 'twee.textBeforeHeader'
  | 'twee.duplicatePassage'
  | 'twee.badStoryData'
  | 'twee.missingStart'
  | 'twee.noStoryData'
  | 'twee.noTitle'
  | 'twee.script'
  | 'twee.stylesheet'
  | 'twee.missingLink'
  | 'twee.externalLink'
  | 'twee.emptyLink'
  | 'twee.unclosedLink'
  | 'twee.unsupportedLink'
  | 'twee.unsupportedMacro'
  | 'twee.unsupportedVariable'
  | 'twee.unsupportedHtml'
  | 'twee.unsupportedMarkup'
  | 'twee.formatting'
  | 'twee.tooManyLinks'
  | 'twee.tooManyPassages'
  | 'twee.tooLong'
  | 'twee.emptyEnding'
  | 'twee.conflictingOutcome'
  | 'twee.guessedOutcome'
  | 'twee.outcomeTagIgnored'
  | 'twee.renamedId'
  | 'twee.unreachable'
  | 'twee.noEnding'
  // worksheets and family letters (src/core/worksheet/parse.ts, src/core/pack/load.ts)
  | 'worksheet.frontMatterMissing'
  | 'worksheet.idMismatch'
  | 'worksheet.duplicateId'
  | 'worksheet.missingLanguage'
  | 'worksheet.unknownLesson'
  | 'worksheet.secondFamilyLetter'
  | 'worksheet.wrongKindBlock'
  | 'worksheet.strayClose'
  | 'worksheet.answerBlock'
  | 'worksheet.badSize'
  | 'worksheet.noPrompt'
  | 'worksheet.tooFewItems'
  | 'worksheet.tooManyItems'
  | 'worksheet.notAnItem'
  | 'worksheet.noCorrectOption'
  | 'worksheet.orderNumbers'
  | 'worksheet.emptyAnswer'
  | 'worksheet.answerNotAllowed'
  | 'worksheet.localAnswerLabel'
  | 'worksheet.answerOutsideQuestion'
  | 'worksheet.noQuestions'
  | 'worksheet.noTalk'
  | 'worksheet.secondTalk'
  | 'worksheet.talkPoints'
  | 'worksheet.fieldDiffers'
  | 'worksheet.questionCountDiffers'
  | 'worksheet.questionKindDiffers'
  | 'worksheet.itemCountDiffers'
  | 'worksheet.answersDiffer'
  // quizzes (src/core/quiz/lint.ts)
  | 'quiz.idMismatch'
  | 'quiz.unknownLesson'
  | 'quiz.noLesson'
  | 'quiz.checkWithLesson'
  | 'quiz.checkQuestion'
  | 'quiz.duplicateId'
  | 'quiz.missingText'
  | 'quiz.noCorrectOption'
  | 'quiz.severalCorrect'
  | 'quiz.sameText'
  // results files from other PCs and backups (src/core/classroom/results.ts); `file` is the file's name
  | 'results.tooLarge'
  | 'results.foreign'
  | 'results.damaged'
  | 'results.checksum'
  | 'results.futureVersion'
  | 'results.invalid'
  | 'results.wrongKind'
  | 'results.otherSchool'
  | 'results.unsealed'
  // the teacher's PIN and the administrator's code (src/core/classroom/pin.ts)
  | 'pin.length'
  | 'pin.digits'
  | 'pin.tooSimple'
  | 'pin.wrong'
  | 'adminCode.format'
  | 'adminCode.typo'
  | 'adminCode.wrong'
  // the keeper of the teacher's secrets (src/core/classroom/keeper.ts)
  | 'teacher.alreadySetUp'
  | 'teacher.damaged'
  | 'teacher.existingData'
  // the statistics collector's address and the school's token (src/core/stats/http.ts)
  | 'stats.url.invalid'
  | 'stats.url.needsTls'
  | 'stats.url.extra'
  | 'stats.token.format'
  // class and pupil codes (src/core/classroom/codes.ts)
  | 'classroom.classCode'
  | 'classroom.pupilCode'
  | 'classroom.otherClass'
  // the pack as a whole
  | 'pack.noLessons'
  | 'pack.unsupportedFormat';

export interface Problem {
  code: ProblemCode;
  /** Path inside the pack, with forward slashes. */
  file?: string;
  /** 1-based line and column, where known. */
  line?: number;
  col?: number;
  params?: Record<string, string | number>;
}

/** Thrown when a pack cannot be read or imported; carries every problem found. */
export class PackError extends Error {
  readonly problems: Problem[];
  constructor(problems: Problem[]) {
    super(problems.map((p) => `${p.file ?? ''}:${p.line ?? 0}:${p.col ?? 0}: ${p.code}`).join('\n'));
    this.name = 'PackError';
    this.problems = problems;
  }
}

export function problem(code: ProblemCode, at: Omit<Problem, 'code'> = {}): Problem {
  return { code, ...at };
}

/** `path:line:col` as authors' editors understand it. */
export function location(p: Problem): string {
  if (!p.file) return '';
  if (p.line === undefined) return p.file;
  return `${p.file}:${p.line}:${p.col ?? 1}`;
}
