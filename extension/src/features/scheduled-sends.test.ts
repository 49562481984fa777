import { describe, expect, it } from 'vitest';
import { scheduledAtOf, trackingUrlsIn } from './scheduled-sends';

const NOW = Date.UTC(2026, 11, 6, 16, 50);
const confirm = () => {};

describe('scheduled sends', () => {
  it('registers the picked time, and a time the collector would refuse as a send now', () => {
    expect(scheduledAtOf({ at: NOW + 3_600_000, confirm }, NOW)).toBe('2026-12-06T17:50:00.000Z');
    expect(scheduledAtOf({ at: null, confirm }, NOW)).toBeUndefined(); // unreadable
    expect(scheduledAtOf({ at: NOW - 3_600_000, confirm }, NOW)).toBeUndefined();
    expect(scheduledAtOf({ at: NOW + 500 * 86_400_000, confirm }, NOW)).toBeUndefined();
    expect(scheduledAtOf(null, NOW)).toBeUndefined();
  });

  it("finds the pixel and tracked links in a message as the host shows it, behind Gmail's image proxy too", () => {
    const token = 'AbCdEfGhIjKlMnOpQrStUvWxYz012345_-';
    const message = document.createElement('div');
    message.innerHTML = `<a href="https://beacon.acme.example/c/${token}">deal</a><a href="https://example.com/c/short">other</a>
      <img src="https://ci3.googleusercontent.com/meips/ADKq_NZ=s0-d-e1-ft#https://beacon.acme.example/o/${token}.gif">
      <table background="https://beacon.acme.example/o/${token}.gif"><tr><td></td></tr></table>`;
    expect(trackingUrlsIn(message).sort()).toEqual([`https://beacon.acme.example/c/${token}`, `https://beacon.acme.example/o/${token}.gif`]);
  });
});
