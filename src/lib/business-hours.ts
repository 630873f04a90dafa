// Working hours such as `Sun-Thu 09:00-18:00` (several ranges separated by commas:
// `Mon-Fri 09:00-18:00, Sat 10:00-14:00`), read in an IANA time zone. Pure: the caller gives the time.

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

export interface HoursRange {
  days: ReadonlySet<number>;
  /** Minutes after midnight, start inclusive, end exclusive. */
  from: number;
  to: number;
}

export interface BusinessHours {
  text: string;
  ranges: readonly HoursRange[];
}

function day(name: string): number {
  const i = DAYS.indexOf(name.toLowerCase().slice(0, 3) as (typeof DAYS)[number]);
  if (i < 0) throw new Error(`unknown day "${name}"`);
  return i;
}

function minutes(hhmm: string): number {
  const m = /^(\d{1,2}):(\d{2})$/.exec(hhmm);
  const h = Number(m?.[1]);
  const min = Number(m?.[2]);
  if (!m || h > 24 || min > 59 || (h === 24 && min > 0)) throw new Error(`bad time "${hhmm}"`);
  return h * 60 + min;
}

/** Parses the setting; throws with a readable reason. */
export function parseBusinessHours(text: string): BusinessHours {
  const ranges = text.split(',').map((part) => {
    const m = /^\s*([A-Za-z]{3,9})(?:\s*-\s*([A-Za-z]{3,9}))?\s+(\d{1,2}:\d{2})\s*-\s*(\d{1,2}:\d{2})\s*$/.exec(part);
    if (!m) throw new Error(`"${part.trim()}" should look like Sun-Thu 09:00-18:00`);
    const first = day(m[1]!);
    const last = m[2] === undefined ? first : day(m[2]);
    const days = new Set<number>();
    for (let d = first; ; d = (d + 1) % 7) {
      days.add(d);
      if (d === last) break;
    }
    const from = minutes(m[3]!);
    const to = minutes(m[4]!);
    if (to <= from) throw new Error(`"${part.trim()}" ends before it starts`);
    return { days, from, to };
  });
  return { text: text.trim(), ranges };
}

/** Weekday (0 = Sunday) and minutes after midnight of `at` in `timeZone`. */
// Building a formatter costs far more than using one, and the timeout check asks minute after minute.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

function localTime(at: number, timeZone: string): { day: number; minute: number } {
  const parts = formatterFor(timeZone).formatToParts(new Date(at));
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return { day: day(get('weekday')), minute: Number(get('hour')) * 60 + Number(get('minute')) };
}

/** Is `at` within the working hours in `timeZone`? */
export function isWithinHours(hours: BusinessHours, at: number, timeZone: string): boolean {
  return inRanges(hours, localTime(at, timeZone));
}

/** True when the runtime knows this IANA zone. */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

const STEP_MS = 60_000;
/** Every zone's offset, and so every change of it, falls on a UTC quarter-hour. */
const QUARTER_MS = 15 * STEP_MS;

function inRanges(hours: BusinessHours, t: { day: number; minute: number }): boolean {
  return hours.ranges.some((r) => r.days.has(t.day) && t.minute >= r.from && t.minute < r.to);
}

/**
 * Working time (ms) between `from` and `to`, counted a minute at a time and stopped as soon as it
 * reaches `capMs` (callers only ask "has at least this much working time passed?"). Without hours
 * every minute counts. The zone is asked once per UTC quarter-hour, the minutes in between follow.
 */
export function workingMsBetween(
  hours: BusinessHours | undefined,
  from: number,
  to: number,
  timeZone: string,
  capMs: number,
): number {
  if (to <= from) return 0;
  if (hours === undefined) return Math.min(to - from, capMs);
  let worked = 0;
  // Whole minutes from the one `from` falls in (the hours are in whole minutes, so each is all in or out).
  const first = from - (from % STEP_MS);
  let base = localTime(first, timeZone);
  let baseAt = first;
  for (let t = first; t < to && worked < capMs; t += STEP_MS) {
    if (t !== first && t % QUARTER_MS === 0) {
      base = localTime(t, timeZone);
      baseAt = t;
    }
    const minute = base.minute + (t - baseAt) / STEP_MS;
    const local = minute < 1440 ? { day: base.day, minute } : { day: (base.day + 1) % 7, minute: minute - 1440 };
    if (inRanges(hours, local)) worked += Math.min(t + STEP_MS, to) - Math.max(t, from);
  }
  return Math.min(worked, capMs);
}
