import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { hit } from '../../test/report-fixtures';
import { notificationsEnabledItem } from '../utils/storage';
import { messageIdOfNotification, notificationFor, notify, reportUrl } from './notifications';

beforeEach(() => fakeBrowser.reset());

describe('notifications', () => {
  it("announce a message's first human open, naming subject and recipient", () => {
    const text = notificationFor(hit());
    expect(text).toMatchObject({ title: 'Opened: Proposal 1', message: 'buyer1@example.com opened your message.' });
    expect(notificationFor(hit({ firstOpen: false }))).toBeNull();
  });

  it('count an open through Gmail’s image proxy, not a prefetch or a bot', () => {
    expect(notificationFor(hit({ classification: 'proxy' }))).not.toBeNull();
    expect(notificationFor(hit({ classification: 'prefetch' }))).toBeNull();
    expect(notificationFor(hit({ classification: 'bot' }))).toBeNull();
  });

  it('announce every human click with the link, never a scanner’s', () => {
    const click = hit({ kind: 'click', firstOpen: false, url: 'https://acme.example/pricing?utm_source=x', recipient: undefined });
    expect(notificationFor(click)).toMatchObject({ title: 'Clicked: Proposal 1', message: 'Someone clicked acme.example/pricing.' });
    expect(notificationFor({ ...click, classification: 'scanner' })).toBeNull();
    expect(notificationFor({ ...click, id: 'other' })?.id).not.toBe(notificationFor(click)?.id);
  });

  it('lead back to the message’s report', () => {
    const text = notificationFor(hit())!;
    expect(messageIdOfNotification(text.id)).toBe(hit().messageId);
    expect(messageIdOfNotification('someone-else:1')).toBeNull();
    expect(reportUrl(hit().messageId)).toBe(`chrome-extension://test-extension-id/popup.html#/message/${hit().messageId}`);
  });

  it('are shown only while turned on in the options', async () => {
    await notify(hit());
    expect(Object.values(fakeBrowser.notifications.getAllCreateOptions())).toMatchObject([{ title: 'Opened: Proposal 1', type: 'basic' }]);
    await fakeBrowser.notifications.clear(notificationFor(hit())!.id);
    await notificationsEnabledItem.setValue(false);
    await notify(hit({ id: 'x2' }));
    expect(fakeBrowser.notifications.getAllCreateOptions()).toEqual({});
  });
});
