// Words with which a client who is waiting for a person goes back to the bot: the main-menu words
// of every language (content/keywords.ts) and "bot". What the client is told is in the catalogues
// (handoff.* keys).
import { HOME_WORDS } from '../content/keywords.js';

export const BACK_TO_BOT_WORDS: ReadonlySet<string> = new Set([...Object.values(HOME_WORDS).flat(), 'bot']);
