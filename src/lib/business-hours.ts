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
function localTime(at: number, timeZone: string): { day: number; minute: number } {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(at));
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return { day: day(get('weekday')), minute: Number(get('hour')) * 60 + Number(get('minute')) };
}

/** Is `at` within the working hours in `timeZone`? */
export function isWithinHours(hours: BusinessHours, at: number, timeZone: string): boolean {
  const t = localTime(at, timeZone);
  return hours.ranges.some((r) => r.days.has(t.day) && t.minute >= r.from && t.minute < r.to);
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
