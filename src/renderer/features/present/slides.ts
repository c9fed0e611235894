import { lessonSlides, notesMarkdown, type Slide } from '../../../core/markdown/slides';
import { renderLesson, type OpenLesson } from '../../app/lesson';

/** A slide ready for the screen: its pupil HTML, and its teacher notes kept apart. */
export interface ShownSlide extends Slide {
  /** Sanitised HTML of the slide, rendered for pupils: a teacher block could never be in it. */
  html: string;
}

/** The lesson's slides, by core's split rules, each rendered and sanitised like the reader's lesson. */
export function presentSlides(lesson: OpenLesson): ShownSlide[] {
  return lessonSlides(lesson.body, { title: lesson.row.title, objectives: lesson.row.objectives }).map((slide) => ({
    ...slide,
    html: slide.body ? renderLesson({ ...lesson, body: slide.body }, 'pupil') : '',
  }));
}

/** A slide's teacher notes as sanitised HTML, rendered only when the teacher opens them. */
export function notesHtml(lesson: OpenLesson, slide: Slide): string {
  return slide.notes.length ? renderLesson({ ...lesson, body: notesMarkdown(slide) }, 'teacher') : '';
}
