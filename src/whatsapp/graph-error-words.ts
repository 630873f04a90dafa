// Meta's error codes in words an operator understands (reference §6). Data, not logic.
const WORDS = new Map<number, string>([
  [130429, 'Sending too fast for the number (throughput limit)'],
  [131056, 'Too many messages to this user in a short time'],
  [131048, 'Blocked for spam: too many messages blocked or reported'],
  [131047, 'More than 24 hours since the user last wrote: a template is needed'],
  [131026, 'Undeliverable: not on WhatsApp, an old app, or terms not accepted'],
  [131049, 'Meta held it back (per-user marketing limit): tried again in 24 hours at the earliest'],
  [131050, 'The client stopped marketing messages from us: never retried, marketing templates refused'],
  [131051, 'Message type not supported'],
  [
    131062,
    'Cannot be sent to a username user by their WhatsApp user id (BSUID), e.g. an authentication template: only to a phone number',
  ],
  [131052, 'Could not download the media the user sent'],
  [131053, 'Could not upload the media we sent (type, size or URL)'],
  [131000, 'Unknown send failure at Meta'],
  [131016, 'WhatsApp service temporarily unavailable'],
  [2, 'WhatsApp service temporarily unavailable'],
  [133004, 'WhatsApp service temporarily unavailable'],
  [131057, 'Business number in maintenance'],
  [131008, 'A required parameter is missing'],
  [131009, 'A parameter value is invalid'],
  [10, 'Permission missing'],
  [131005, 'Permission missing'],
  [131031, 'Business account locked'],
  [131021, 'Recipient is the sender'],
  [131042, 'Payment or billing problem'],
  [190, 'Access token expired or invalid'],
  [0, 'Access token expired or invalid'],
  [368, 'Temporarily blocked for a policy violation'],
  [132000, 'Template parameters do not match: wrong number of values'],
  [132001, 'Template not found in this language, or not approved'],
  [132005, 'Template text too long once the values are filled in'],
  [132007, 'Template breaks a formatting or content policy'],
  [132012, 'Template parameter in the wrong format'],
  [132015, 'Template paused by Meta for low quality'],
  [132016, 'Template disabled by Meta'],
]);

/** The code in words; Meta's own title (or the bare code) when we have no words for it. */
export function graphErrorInWords(code: number | null, title: string | null): string {
  if (code === null) return title ?? 'Failed without an error code';
  const known = WORDS.get(code);
  if (known !== undefined) return known;
  if (code >= 200 && code <= 299) return 'Permission missing';
  if (code >= 132000 && code <= 132999) return 'Template problem';
  return title ?? `Meta error ${code}`;
}
