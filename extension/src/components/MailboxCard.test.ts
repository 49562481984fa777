import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import MailboxCard from './MailboxCard.vue';
import { format } from '../popup/format';
import { globalReport } from '../../test/report-fixtures';

describe("the mark's card", () => {
  it("dates the first and last open, the report's own, not its activity", () => {
    const report = globalReport();
    const card = mount(MailboxCard, { props: { state: { id: '00000000-0000-4000-8000-000000000001', top: 0, left: 0, report, error: null } } });
    expect(card.find('[data-testid="card-first-open"]').text()).toBe(format.dateTime(report.firstOpenAt!));
    expect(card.find('[data-testid="card-last-open"]').text()).toBe(format.dateTime(report.lastOpenAt!));
    expect(report.lastOpenAt).not.toBe(report.lastActivityAt);
    expect(card.text()).toContain('First open:');
    expect(card.text()).toContain('Last open:');
    const unopened = mount(MailboxCard, {
      props: { state: { id: 'x', top: 0, left: 0, report: globalReport({ firstOpenAt: null, lastOpenAt: null }), error: null } },
    });
    expect(unopened.find('[data-testid="card-last-open"]').text()).toBe('none yet');
  });
});
