import { text } from 'node:stream/consumers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { leadsCsvStream, neutralizeFormula } from '../src/ops/leads-csv.js';
import { iterateLeads, listLeads, type LeadView } from '../src/ops/list-leads.js';
import { describeEachDb } from './helpers/test-db.js';
import { DAY, openTestDb, type OpenedDb } from './ops-fixtures.js';

const NOW = Date.UTC(2025, 0, 15, 12);

async function* of(leads: LeadView[]) {
  yield* leads;
}

const lead = (over: Partial<LeadView>): LeadView => ({
  id: 1,
  phone: '971501234567',
  name: 'Plain',
  email: 'p@example.com',
  interest: 'eligibility',
  budget: 250000,
  countryOfInterest: null,
  notes: null,
  createdAt: '2025-01-15T12:00:00.000Z',
  updatedAt: '2025-01-15T12:00:00.000Z',
  source: 'direct',
  sourceId: null,
  ...over,
});

describe('lead CSV', () => {
  it('neutralises cells a spreadsheet would run as a formula', () => {
    for (const bad of ['=1+1', '+971', '-2', '@SUM(A1)', '\tx', '\rx']) expect(neutralizeFormula(bad)).toBe(`'${bad}`);
    for (const ok of ['Alice', 'a=b', '', "'quoted"]) expect(neutralizeFormula(ok)).toBe(ok);
  });

  it('writes a header and quotes commas, quotes and newlines; formulas come out as text; numbers stay numbers', async () => {
    const csv = await text(
      leadsCsvStream(
        of([
          lead({ id: 1, name: 'Smith, John', notes: 'said "hi"\nthen left' }),
          lead({
            id: 2,
            name: '=HYPERLINK("http://evil.example","click")',
            email: '@evil',
            interest: '+cmd',
            countryOfInterest: '-1+2',
            budget: null,
          }),
          lead({ id: 3, source: 'ad Golden Visa in 90 days', sourceId: '120200000000001' }),
        ]),
      ),
    );
    const lines = csv.split('\n');
    expect(lines[0]).toBe(
      'id,phone,name,email,interest,budget,countryOfInterest,notes,createdAt,updatedAt,source,sourceId',
    );
    expect(csv).toContain(
      '1,971501234567,"Smith, John",p@example.com,eligibility,250000,,"said ""hi""\nthen left",2025-01-15T12:00:00.000Z',
    );
    expect(csv).toContain(`2,971501234567,"'=HYPERLINK(""http://evil.example"",""click"")",'@evil,'+cmd,,'-1+2,,`);
    // The source closes each row: "direct", or the ad's headline and id.
    expect(csv).toContain('2025-01-15T12:00:00.000Z,direct,\n2,');
    expect(csv).toContain('2025-01-15T12:00:00.000Z,ad Golden Visa in 90 days,120200000000001\n');
    expect(csv.endsWith('\n')).toBe(true);
  });
});

describeEachDb('listing leads', (kind) => {
  let t: OpenedDb;
  beforeEach(async () => {
    t = await openTestDb(kind);
    const rows = Array.from({ length: 7 }, (_, i) => ({
      phone: `97150000000${i}`,
      name: `Lead ${i}`,
      email: `l${i}@example.com`,
      interest: i % 2 === 0 ? 'Eligibility' : 'jobs',
      budget: 100000 * (i + 1),
      country_of_interest: null,
      created_at: NOW - i * DAY,
      updated_at: NOW - i * DAY,
      notes: null,
      // Lead 6 predates the source column (null: counts as direct); leads 0 and 1 came from an ad.
      source: i < 2 ? 'ad Golden Visa in 90 days' : i === 6 ? null : 'direct',
      source_id: i < 2 ? '120200000000001' : null,
    }));
    await t.db.insertInto('whatsapp_leads').values(rows).execute();
  });
  afterEach(async () => t.close());

  it('pages newest first with the filtered total; filters by date range and interest (any case)', async () => {
    const page = await listLeads(t.db, { limit: 2, offset: 1 });
    expect(page.total).toBe(7);
    expect(page.leads.map((l) => l.name)).toEqual(['Lead 1', 'Lead 2']);
    const recent = await listLeads(t.db, { since: NOW - 2 * DAY, interest: 'eligibility', limit: 50, offset: 0 });
    expect(recent).toMatchObject({ total: 2, leads: [{ name: 'Lead 0' }, { name: 'Lead 2' }] });
    const older = await listLeads(t.db, { until: NOW - 5 * DAY, limit: 50, offset: 0 });
    expect(older.leads.map((l) => l.name)).toEqual(['Lead 6']);
  });

  it('iterates every matching lead in batches, oldest id first', async () => {
    const names: string[] = [];
    for await (const l of iterateLeads(t.db, { interest: 'JOBS' }, 2)) names.push(l.name!);
    expect(names).toEqual(['Lead 1', 'Lead 3', 'Lead 5']);
    const all: number[] = [];
    for await (const l of iterateLeads(t.db, {}, 3)) all.push(l.id);
    expect(all).toHaveLength(7);
  });

  it('filters by source; "direct" includes leads older than the column; each lead says its source', async () => {
    const ads = await listLeads(t.db, { source: 'ad Golden Visa in 90 days', limit: 50, offset: 0 });
    expect(ads.leads.map((l) => [l.name, l.source, l.sourceId])).toEqual([
      ['Lead 0', 'ad Golden Visa in 90 days', '120200000000001'],
      ['Lead 1', 'ad Golden Visa in 90 days', '120200000000001'],
    ]);
    const direct: string[] = [];
    for await (const l of iterateLeads(t.db, { source: 'direct' })) direct.push(`${l.name} ${l.source} ${l.sourceId}`);
    expect(direct).toEqual([2, 3, 4, 5, 6].map((i) => `Lead ${i} direct null`));
    expect((await listLeads(t.db, { source: 'ad Other', limit: 50, offset: 0 })).total).toBe(0);
  });
});
