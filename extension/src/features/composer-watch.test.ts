import { afterEach, describe, expect, it } from 'vitest';
import en from '../hosts/gmail/fixtures/compose-en.html?raw';
import { gmailAdapter } from '../hosts/gmail/adapter';
import { watchComposers } from './composer-watch';

afterEach(() => {
  document.body.innerHTML = '';
});

describe('watchComposers', () => {
  it('reports composers as they appear and aborts each one when it closes', async () => {
    document.body.innerHTML = en;
    const seen: { subject: string; signal: AbortSignal }[] = [];
    const page = new AbortController();
    watchComposers(gmailAdapter, document, page.signal, (composer, signal) => seen.push({ subject: composer.getSubject(), signal }));
    expect(seen.map((s) => s.subject)).toEqual(['Re: Quarterly numbers', 'Launch plan']);

    const dialog = document.querySelector('[role="dialog"]')!;
    const copy = dialog.cloneNode(true) as HTMLElement;
    copy.querySelector<HTMLInputElement>('input[name="subjectbox"]')!.value = 'Second draft';
    document.body.append(copy);
    await new Promise((r) => setTimeout(r, 0));
    expect(seen.map((s) => s.subject)).toEqual(['Re: Quarterly numbers', 'Launch plan', 'Second draft']);

    dialog.remove();
    await new Promise((r) => setTimeout(r, 0));
    expect(seen.map((s) => s.signal.aborted)).toEqual([false, true, false]);

    page.abort();
    expect(seen.every((s) => s.signal.aborted)).toBe(true);
  });
});
