// A lead event in words for the lead page: who did it and what changed (field by field for a
// repeated submission). Kept apart from the route so the wording is in one place.
import { formatUsd } from './format.js';
const FIELD_LABELS: Record<string, string> = {
  name: 'Name',
  email: 'E-mail',
  interest: 'Interest',
  budget: 'Budget',
  country_of_interest: 'Country',
};

export interface HistoryEntry {
  who: string;
  what: string;
  /** For a submission: each field with its old and new value (old is null for the first one). */
  changes: { field: string; from: string; to: string }[];
}

/** A stored value as text: the details are JSON, so only strings and numbers are expected. */
const shown = (v: unknown) =>
  typeof v === 'string' && v !== ''
    ? v
    : typeof v === 'number'
      ? String(v)
      : v == null || v === ''
        ? '—'
        : JSON.stringify(v);

/** A submitted field's value as the page shows it (the budget in dollars). */
const fieldValue = (field: string, v: unknown) =>
  field === 'budget' && typeof v === 'number' ? formatUsd(v) : shown(v);

export function describeEvent(
  e: { kind: string; actor: string; details: Record<string, unknown> },
  names: Map<string, string>,
): HistoryEntry {
  const who =
    e.actor === 'bot' ? 'WhatsApp (the client)' : e.actor === 'api' ? 'Admin API' : (names.get(e.actor) ?? e.actor);
  const d = e.details;
  switch (e.kind) {
    case 'submitted': {
      const changes = Array.isArray(d.changes) ? (d.changes as { field: string; from: unknown; to: unknown }[]) : null;
      if (changes === null) {
        const fields = (d.fields ?? {}) as Record<string, unknown>;
        return {
          who,
          what: 'First submission',
          changes: Object.entries(fields).map(([f, v]) => ({
            field: FIELD_LABELS[f] ?? f,
            from: '',
            to: fieldValue(f, v),
          })),
        };
      }
      return {
        who,
        what: changes.length === 0 ? 'Submitted again, same answers' : 'Submitted again, changed:',
        changes: changes.map((c) => ({
          field: FIELD_LABELS[c.field] ?? c.field,
          from: shown(c.from),
          to: shown(c.to),
        })),
      };
    }
    case 'status':
      return { who, what: `Status ${shown(d.from)} → ${shown(d.to)}`, changes: [] };
    case 'assigned': {
      const name = (v: unknown) => (v == null ? 'nobody' : (names.get(shown(v)) ?? `operator ${shown(v)}`));
      return { who, what: `Assignee ${name(d.from)} → ${name(d.to)}`, changes: [] };
    }
    case 'note':
      return { who, what: 'Added a note', changes: [] };
    default:
      return { who, what: e.kind, changes: [] };
  }
}
