import { describe, expect, it } from 'vitest';
import { defaultRecipientTag } from './recipient-tag';

describe('recipient merge tag defaults', () => {
  it('knows the common ESPs by their app hostnames, and nothing else', () => {
    expect(defaultRecipientTag('https://us21.admin.mailchimp.com')).toBe('*|EMAIL|*');
    expect(defaultRecipientTag('https://app.hubspot.com')).toBe('{{ contact.email }}');
    expect(defaultRecipientTag('https://app.brevo.com')).toBe('{{ contact.EMAIL }}');
    expect(defaultRecipientTag('https://mc.s7.exacttarget.com')).toBe('%%emailaddr%%');
    expect(defaultRecipientTag('https://www.klaviyo.com')).toBe('{{ email }}');
    expect(defaultRecipientTag('https://acme.activehosted.com')).toBe('%EMAIL%');
    expect(defaultRecipientTag('https://acme.createsend.com')).toBe('[email]');
    expect(defaultRecipientTag('https://app.mailjet.com')).toBe('[[EMAIL_TO]]');
    expect(defaultRecipientTag('https://mc.sendgrid.com')).toBe('{{email}}');
    expect(defaultRecipientTag('https://notmailchimp.com.evil.example')).toBe('');
    expect(defaultRecipientTag('not a url')).toBe('');
  });
});
