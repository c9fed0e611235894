import type { WorksheetCopy } from '../../../core/worksheet/render';
import { preferences } from '../../lib/preferences';

export type Paper = 'a4' | 'letter';

export interface HeaderFields {
  school: string;
  className: string;
  date: string;
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
    const saved = preferences.print.get();
    this.paper = saved.paper;
    this.fields.school = saved.school;
    this.fields.className = saved.className;
  }

  remember(): void {
    preferences.print.set({ paper: this.paper, school: this.fields.school, className: this.fields.className });
  }
}

export const printSettings = new PrintSettings();
