// The one list of words with which a client asks for a person. Other languages are added here
// (matched whole, after lower-casing and dropping punctuation), never elsewhere.

export const HUMAN_REQUEST_KEYWORDS: readonly string[] = [
  'agent',
  'human',
  'consultant',
  'talk to someone',
  'speak to someone',
  'talk to a human',
  'speak to a human',
  'talk to a person',
  'speak to a person',
  'real person',
  'talk to an agent',
  'speak to an agent',
  'talk to a consultant',
  'speak to a consultant',
];

function normalise(text: string): string {
  return ` ${text
    .toLowerCase()
    .normalize('NFKC')
    .replace(/[^\p{L}\p{N}\s]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()} `;
}

const PADDED = HUMAN_REQUEST_KEYWORDS.map((k) => normalise(k));

/** True when the text contains one of the keywords as whole words ("I want to speak to a human!"). */
export function asksForHuman(text: string): boolean {
  const t = normalise(text);
  return PADDED.some((k) => t.includes(k));
}
