// `npm run chat`: talk to the running bot from a terminal, as a WhatsApp user would (see run-chat.ts).
import 'dotenv/config';
import { Command } from 'commander';
import { errorStack } from '../lib/error-text.js';
import { runChat } from './run-chat.js';

const env = (name: string): string | undefined => {
  const value = process.env[name]?.trim();
  return value ? value : undefined;
};

const program = new Command()
  .name('npm run chat --')
  .description('Chat with the running bot from the terminal: your lines go in as real, signed WhatsApp webhooks.')
  .option('--url <url>', 'where the bot listens', `http://127.0.0.1:${env('PORT') ?? '5000'}`)
  .option('--phone <digits>', 'your WhatsApp number (wa_id)', '15550100001')
  .option('--name <name>', 'your WhatsApp profile name', 'Chat Tester')
  .addHelpText('after', '\nReads APP_SECRET (to sign webhooks), PORT and ADMIN_TOKEN from the environment or .env.')
  .parse();

const opts = program.opts<{ url: string; phone: string; name: string }>();

runChat({
  input: process.stdin,
  output: process.stdout,
  errorOutput: process.stderr,
  url: opts.url,
  phone: opts.phone,
  name: opts.name,
  secret: env('APP_SECRET'),
  adminToken: env('ADMIN_TOKEN'),
})
  .then((code) => process.exit(code))
  .catch((err: unknown) => {
    console.error(`chat failed: ${errorStack(err)}`);
    process.exit(1);
  });
