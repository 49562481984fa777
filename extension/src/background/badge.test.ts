import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { hit } from '../../test/report-fixtures';
import { addUnseen, badgeText, clearUnseen, isHumanActivity } from './badge';

beforeEach(() => fakeBrowser.reset());

describe('toolbar badge', () => {
  it('counts human opens and clicks only', () => {
    expect(isHumanActivity(hit())).toBe(true);
    expect(isHumanActivity(hit({ kind: 'click', firstOpen: false }))).toBe(true);
    expect(isHumanActivity(hit({ classification: 'self' }))).toBe(false);
    expect(isHumanActivity(hit({ kind: 'click', classification: 'proxy' }))).toBe(false);
    expect(isHumanActivity(hit({ kind: 'unsubscribe' }))).toBe(false);
  });

  it('shows the count since the popup was last opened, and clears when it opens', async () => {
    await Promise.all([addUnseen(), addUnseen(), addUnseen()]);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('3');
    await clearUnseen();
    expect(await fakeBrowser.action.getBadgeText({})).toBe('');
    await addUnseen();
    expect(await fakeBrowser.action.getBadgeText({})).toBe('1');
  });

  it('stays short on a busy day', () => {
    expect(badgeText(0)).toBe('');
    expect(badgeText(99)).toBe('99');
    expect(badgeText(100)).toBe('99+');
  });
});
