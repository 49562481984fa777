import { espSiteSettingsItem } from '../utils/storage';

/**
 * Each ESP's merge tag for the recipient's address, by the ESP's app hostnames. Sources (checked when written):
 * Mailchimp *|EMAIL|* (Mailchimp's merge tag cheat sheet; also listed by Validity's Everest pixel docs);
 * HubSpot {{ contact.email }} (HubSpot personalization tokens, HubL `contact` object); Brevo {{ contact.EMAIL }}
 * (Brevo's "personalize with contact attributes" guide); Salesforce Marketing Cloud %%emailaddr%% (SFMC
 * personalization strings; Validity's list too); Klaviyo {{ email }} (Klaviyo's template tags reference);
 * ActiveCampaign %EMAIL% (ActiveCampaign personalization tags, the %FIRSTNAME% family); Campaign Monitor [email]
 * (Campaign Monitor personalization tags; Email on Acid's merge-tag note); Mailjet [[EMAIL_TO]] (Mailjet's
 * personalization variables); SendGrid {{email}} (Marketing Campaigns' Handlebars reserved field `email`).
 */
export const DEFAULT_RECIPIENT_TAGS: { esp: string; hosts: RegExp; tag: string }[] = [
  { esp: 'Mailchimp', hosts: /(^|\.)(mailchimp\.com|list-manage\.com)$/, tag: '*|EMAIL|*' },
  { esp: 'HubSpot', hosts: /(^|\.)hubspot\.com$/, tag: '{{ contact.email }}' },
  { esp: 'Brevo', hosts: /(^|\.)(brevo\.com|sendinblue\.com)$/, tag: '{{ contact.EMAIL }}' },
  { esp: 'Salesforce Marketing Cloud', hosts: /(^|\.)(exacttarget\.com|marketingcloudapps\.com)$/, tag: '%%emailaddr%%' },
  { esp: 'Klaviyo', hosts: /(^|\.)klaviyo\.com$/, tag: '{{ email }}' },
  { esp: 'ActiveCampaign', hosts: /(^|\.)(activecampaign\.com|activehosted\.com)$/, tag: '%EMAIL%' },
  { esp: 'Campaign Monitor', hosts: /(^|\.)(createsend\.com|campaignmonitor\.com)$/, tag: '[email]' },
  { esp: 'Mailjet', hosts: /(^|\.)mailjet\.com$/, tag: '[[EMAIL_TO]]' },
  { esp: 'SendGrid', hosts: /(^|\.)sendgrid\.com$/, tag: '{{email}}' },
];

/** The default for a site, by its hostname; '' for an ESP Beacon does not know (the user sets it in the options). */
export function defaultRecipientTag(origin: string): string {
  let host = '';
  try {
    host = new URL(origin).hostname;
  } catch {
    return '';
  }
  return DEFAULT_RECIPIENT_TAGS.find((entry) => entry.hosts.test(host))?.tag ?? '';
}

/** The tag this site uses: the user's setting, else the ESP's default. */
export async function recipientTagFor(origin: string): Promise<string> {
  const settings = await espSiteSettingsItem.getValue();
  return settings[origin]?.recipientTag ?? defaultRecipientTag(origin);
}
