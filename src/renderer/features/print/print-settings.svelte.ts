import type { WorksheetCopy } from '../../../core/worksheet/render';

export type Paper = 'a4' | 'letter';

export interface HeaderFields {
  school: string;
  className: string;
  date: string;
}

const KEY = 'qorgau.print';

interface Saved {
  paper?: Paper;
  school?: string;
  className?: string;
}

function load(): Saved {
  try {
    const value = JSON.parse(localStorage.getItem(KEY) ?? '{}') as Saved;
    return typeof value === 'object' && value ? value : {};
  } catch {
    return {};
  }
}

/**
 * What the teacher chose to print. The paper size, school and class are
 * remembered for next time; pupils' names are not kept.
 */
class PrintSettings {
  paper = $state<Paper>('a4');
  copy = $state<WorksheetCopy>('pupil');
  fields = $state<HeaderFields>({ school: '', className: '', date: '' });
  /** One copy, or one per pupil (a class set). */
  perPupil = $state(false);
  /** Names or pupil codes, one per line; empty means `count` copies with a blank name line. */
  list = $state('');
  count = $state(30);

  constructor() {
    const saved = load();
    if (saved.paper === 'a4' || saved.paper === 'letter') this.paper = saved.paper;
    this.fields.school = typeof saved.school === 'string' ? saved.school : '';
    this.fields.className = typeof saved.className === 'string' ? saved.className : '';
  }

  remember(): void {
    localStorage.setItem(KEY, JSON.stringify({ paper: this.paper, school: this.fields.school, className: this.fields.className }));
  }
}

export const printSettings = new PrintSettings();
