/** Beacon's link placeholders: the collector replaces them with the message's own unsubscribe and mirror URLs. */
export const BEACON_PLACEHOLDERS = {
  unsubscribe: '{{unsubscribe_url}}',
  mirror: '{{mirror_url}}',
} as const;
