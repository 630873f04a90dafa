// Names and e-mail addresses go into CSV files, JSON, e-mails and the console. Invisible characters
// that reorder or break the text there (a right-to-left override turning "gpj.exe" around, a line
// separator splitting a CSV cell) are never part of a real name or address.

/** Bidirectional embeddings, overrides and isolates, and the directional marks. */
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
/** Line and paragraph breaks of every kind, U+2028/2029 and NEL (U+0085) included. */
export const LINE_BREAKS = /[\n\v\f\r\u0085\u2028\u2029]/;
const LINE_BREAKS_ALL = /[\n\v\f\r\u0085\u2028\u2029]+/g;
// eslint-disable-next-line no-control-regex -- the point is to match control characters
const OTHER_CONTROLS = /[\u0000-\u0008\u000E-\u001F\u007F-\u0084\u0086-\u009F]/g;

export function withoutBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, '');
}

/** A name or address safe to store and show on one line: no bidi controls, breaks become spaces. */
export function oneLinePlainText(text: string): string {
  return withoutBidiControls(text).replace(LINE_BREAKS_ALL, ' ').replace(OTHER_CONTROLS, '').trim();
}
