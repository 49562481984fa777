import type { Report } from '@beacon/shared/api/reports';

/** What the mark's card shows: whose report (empty id: closed), where, and the report once it came. */
export interface MailboxCardState {
  id: string;
  top: number;
  left: number;
  report: Report | null;
  error: string | null;
}
