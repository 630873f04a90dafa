import type { Config } from './config.js';

/** What a person sees when the bot starts: where it listens, the mode, and what is switched off. */
export function startBanner(config: Config, database: string, address: string): string {
  const lines = [
    '',
    '  Nexora WhatsApp bot is running',
    `  • listening on ${address}  (webhook: ${address}/webhook)`,
    `  • database:    ${database}`,
    `  • console:     ${address}/console  (first operator: npm run cli -- operators add you@example.com --name "Your Name" --role admin)`,
  ];
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
