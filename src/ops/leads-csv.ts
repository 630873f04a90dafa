import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import { LEAD_FIELDS, type LeadView } from './list-leads.js';

/**
 * Spreadsheet programs run a cell that starts with = + - @ (or a tab / carriage return) as a
 * formula, and lead fields are typed by strangers on WhatsApp. A leading single quote makes the
 * cell plain text (OWASP "CSV injection").
 */
export function neutralizeFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function csvCell(value: string | number | null): string | number {
  if (value === null) return '';
  return typeof value === 'number' ? value : neutralizeFormula(value);
}

/** Leads as CSV text, streamed: a header row, then one row per lead (quoted as RFC 4180 wants). */
export function leadsCsvStream(leads: AsyncIterable<LeadView>): Readable {
  const csv = stringify({ header: true, columns: [...LEAD_FIELDS] });
  const source = Readable.from(
    (async function* () {
      for await (const lead of leads) yield Object.fromEntries(LEAD_FIELDS.map((f) => [f, csvCell(lead[f])]));
    })(),
    { objectMode: true },
  );
  source.on('error', (err) => csv.destroy(err));
  return source.pipe(csv);
}
