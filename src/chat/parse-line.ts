// What a typed line means: a command, a tap on one of the last reply's choices, or plain text.
import type { Choice } from './render-reply.js';

export type ChatAction =
  | { kind: 'text'; text: string }
  | { kind: 'choice'; choice: Choice; n: number }
  | { kind: 'image'; caption?: string }
  | { kind: 'location' }
  | { kind: 'help' }
  | { kind: 'quit' }
  | { kind: 'empty' }
  | { kind: 'unknown_command'; command: string };

export const HELP_LINES = [
  'Type anything to send it as a WhatsApp text message.',
  'After a list or buttons, type its number (1, 2, …) to tap that choice.',
  '  /image [caption]  send a photo (the bot cannot read it, as with a real photo)',
  '  /location         send a location pin',
  '  /help             this help',
  '  /quit             leave (Ctrl-D works too)',
];

/** `choices` are those of the bot's latest list or buttons; a number outside them is plain text. */
export function parseLine(line: string, choices: readonly Choice[]): ChatAction {
  const text = line.trim();
  if (text === '') return { kind: 'empty' };
  if (/^\d+$/.test(text)) {
    const n = Number(text);
    const choice = choices[n - 1];
    return choice !== undefined && n >= 1 ? { kind: 'choice', choice, n } : { kind: 'text', text };
  }
  const command = /^\/(\w+)\s*(.*)$/.exec(text);
  if (!command) return { kind: 'text', text };
  const [, name = '', rest = ''] = command;
  switch (name.toLowerCase()) {
    case 'image':
    case 'photo':
      return rest ? { kind: 'image', caption: rest } : { kind: 'image' };
    case 'location':
      return { kind: 'location' };
    case 'help':
    case 'h':
      return { kind: 'help' };
    case 'quit':
    case 'exit':
    case 'q':
      return { kind: 'quit' };
    default:
      return { kind: 'unknown_command', command: name };
  }
}
