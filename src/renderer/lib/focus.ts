import type { Attachment } from 'svelte/attachments';

/**
 * `{@attach focusWhen(ready)}` on a page's heading (with `tabindex="-1"`):
 * the heading takes focus once what the page shows is there, and again each
 * time it is shown anew, so keyboard and screen-reader users start at the top
 * of the new page instead of wherever the last one left them.
 */
export function focusWhen(ready: unknown = true): Attachment<HTMLElement> {
  return (element) => {
    if (ready) element.focus();
  };
}
