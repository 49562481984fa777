import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { sentRecordsItem } from '../utils/storage';
import { matchSent, rememberSent } from './sent-records';

const now = Date.UTC(2026, 11, 6);
const records = [
  { id: 'a', subject: 'Launch plan', to: ['ann@example.com'], at: now - 3600_000 },
  { id: 'b', subject: 'Follow-up', to: ['bob@example.net'], at: now - 3600_000 },
  { id: 'c', subject: 'Follow-up', to: ['bob@example.net', 'eve@example.org'], at: now - 7200_000 },
  { id: 'd', subject: 'Old news', to: ['ann@example.com'], at: now - 90 * 24 * 3600_000 },
];

describe('matching a Sent list row to what this browser registered', () => {
  it('matches one message by subject and a recipient, whatever the case and spacing', () => {
    expect(matchSent(records, ' Launch  plan ', ['Ann@Example.com'], now)).toBe('a');
  });

  it('matches nothing when two messages could be the row, when old, or with another recipient', () => {
    expect(matchSent(records, 'Follow-up', ['bob@example.net'], now)).toBeNull();
    expect(matchSent(records, 'Follow-up', ['eve@example.org'], now)).toBe('c');
    expect(matchSent(records, 'Old news', ['ann@example.com'], now)).toBeNull();
    expect(matchSent(records, 'Launch plan', ['zoe@example.com'], now)).toBeNull();
    expect(matchSent(records, 'Launch plan', [], now)).toBeNull();
  });

  it('keeps each registration that finishes at the same moment (several composers sending)', async () => {
    fakeBrowser.reset();
    const ids = ['x', 'y', 'z'];
    await Promise.all(ids.map((id) => rememberSent(id, { subject: `Subject ${id}`, recipients: [{ email: `${id}@example.com` }] }, now)));
    expect((await sentRecordsItem.getValue()).map((r) => r.id).sort()).toEqual(ids);
  });
});
