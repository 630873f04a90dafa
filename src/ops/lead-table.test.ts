import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { parseLeadTableQuery } from './lead-table.js';

const NOW = Date.UTC(2026, 11, 2, 9);

describe('parseLeadTableQuery: the leads table query from the query string', () => {
  it('means "no filter" for empty or missing fields, newest first, page 1', () => {
    expect(parseLeadTableQuery({}, NOW)).toEqual({
      q: '',
      since: null,
      until: null,
      interest: '',
      status: null,
      minScore: null,
      maxScore: null,
      assignee: '',
      source: '',
      sort: 'newest',
      page: 1,
    });
    expect(parseLeadTableQuery({ q: '  ', status: '', min_score: '', page: 'x' }, NOW).page).toBe(1);
    expect(parseLeadTableQuery({ source: 'ad Golden Visa 2026' }, NOW).source).toBe('ad Golden Visa 2026');
  });

  it('reads whole UTC days, either end alone, and the other filters', () => {
    const q = parseLeadTableQuery(
      {
        q: ' Ana ',
        from: '2026-11-01',
        status: 'won',
        min_score: '30',
        max_score: '90',
        assignee: '7',
        sort: 'score_desc',
        page: '3',
      },
      NOW,
    );
    expect(q).toMatchObject({
      q: 'Ana',
      since: Date.UTC(2026, 10, 1),
      until: null,
      status: 'won',
      minScore: 30,
      maxScore: 90,
    });
    expect(q).toMatchObject({ assignee: '7', sort: 'score_desc', page: 3 });
    expect(parseLeadTableQuery({ to: '2026-11-30' }, NOW)).toMatchObject({ since: null, until: Date.UTC(2026, 11, 1) });
    expect(parseLeadTableQuery({ assignee: 'none' }, NOW).assignee).toBe('none');
  });

  it.each([
    [{ status: 'maybe' }, 'status', /one of: new, contacted/],
    [{ sort: 'random' }, 'sort', /sort must be one of/],
    [{ min_score: '101' }, 'min_score', /from 0 to 100/],
    [{ max_score: '4.5' }, 'max_score', /whole number/],
    [{ assignee: 'op-9' }, 'assignee', /operator id or "none"/],
    [{ from: '2026-02-30' }, 'from', /YYYY-MM-DD/],
    [{ to: 'yesterday' }, 'to', /to must be a date/],
    [{ from: '2026-12-01', to: '2026-11-01' }, 'to', /end on or after/],
  ])('refuses %o, naming the field', (raw, field, message) => {
    let err: unknown;
    try {
      parseLeadTableQuery(raw, NOW);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'VALIDATION_FAILED', field });
    expect((err as Error).message).toMatch(message);
  });
});
