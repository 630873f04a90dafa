import { relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from './config.js';

const ADD_ADMIN = 'operators add you@example.com --name "Your Name" --role admin';

/**
 * The command that creates the first console admin where this server runs. From the sources (tsx)
 * that is `npm run cli --`; compiled (dist/, the Docker image, `npm ci --omit=dev`) there is no tsx,
 * so it is the package's own bin/nexora-bot.js, relative to the working directory (`node
 * bin/nexora-bot.js …` in the image's /app).
 */
export function firstOperatorCommand(moduleUrl: string = import.meta.url, cwd: string = process.cwd()): string {
  if (moduleUrl.endsWith('.ts')) return `npm run cli -- ${ADD_ADMIN}`;
  const bin = relative(cwd, fileURLToPath(new URL('../bin/nexora-bot.js', moduleUrl)))
    .split(sep)
    .join('/');
  return `node ${bin} ${ADD_ADMIN}`;
}

/**
 * What a person sees when the bot starts: where it listens, the mode, and what is switched off.
 * `firstOperator` is the command to create the first admin, given only while no active admin exists.
 */
export function startBanner(config: Config, database: string, address: string, firstOperator: string | null): string {
  const lines = [
    '',
    '  Nexora WhatsApp bot is running',
    `  • listening on ${address}  (webhook: ${address}/webhook)`,
    `  • database:    ${database}`,
    `  • console:     ${address}/console`,
  ];
  if (firstOperator !== null)
    lines.push(`  • no console admin yet: create the first operator with\n      ${firstOperator}`);
  if (config.sandbox) {
    lines.push(
      '  • mode:        SANDBOX — no WHATSAPP_TOKEN, so nothing is sent to Meta;',
      '                 every reply is stored with status "sandbox" and logged.',
      '  • talk to it:  run `npm run chat` in another terminal.',
    );
  } else {
    lines.push(
      `  • mode:        LIVE — sending as phone number id ${config.whatsapp.phoneNumberId} via ${config.whatsapp.graphApiUrl}/${config.whatsapp.graphApiVersion}`,
    );
  }
  if (!config.whatsapp.appSecret) lines.push('  • webhook signatures are NOT checked (APP_SECRET is not set).');
  if (!config.mail.smtpUrl)
    lines.push('  • e-mail is OFF (SMTP_URL is not set): lead e-mails are recorded as "skipped".');
  else if (config.adminEmails.length === 0) lines.push('  • lead e-mails are OFF: ADMIN_EMAIL is not set.');
  if (config.leadWebhook.url) lines.push('  • CRM webhook: on');
  if (!config.careerjet.affid)
    lines.push('  • job search answers with CareerJet search links (CAREERJET_AFFID is not set).');
  if (!config.adminToken) lines.push('  • admin API and /webhook/stats are closed (ADMIN_TOKEN is not set).');
  lines.push('');
  return `${lines.join('\n')}\n`;
}
