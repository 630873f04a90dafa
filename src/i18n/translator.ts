// One renderer for every message: ICU MessageFormat through intl-messageformat, numbers, money and
// lists through Intl for the user's locale. Catalogues come in as data (see content/); a key a
// language lacks is taken from the fallback catalogue, so a missing translation reads in English.
import { IntlMessageFormat } from 'intl-messageformat';
import type { Language } from './languages.js';

export type Catalogue = Readonly<Record<string, string>>;
export type MessageValues = Readonly<Record<string, string | number>>;

export interface Translator<K extends string = string> {
  readonly language: Language;
  /** The message `key`, with `values` put in. Throws on a key no catalogue has: a bug, not input. */
  t(key: K, values?: MessageValues): string;
  /** Whole US dollars in the user's locale: "$280,000", "280.000 US$", "US$ 280.000". */
  usd(amount: number): string;
  /** "A, B, C, or D" in the user's locale. */
  orList(items: readonly string[]): string;
}

export function createTranslator<K extends string>(
  language: Language,
  catalogue: Catalogue,
  fallback: Catalogue,
): Translator<K> {
  const compiled = new Map<string, IntlMessageFormat>();
  // Most messages (menu rows, questions) have no values: their text is rendered once.
  const plain = new Map<string, string>();
  const money = new Intl.NumberFormat(language, { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });
  const or = new Intl.ListFormat(language, { type: 'disjunction' });

  function format(key: string): IntlMessageFormat {
    let f = compiled.get(key);
    if (f === undefined) {
      const own = catalogue[key];
      const source = own ?? fallback[key];
      if (source === undefined) throw new Error(`no message "${key}" in any catalogue`);
      f = new IntlMessageFormat(source, own === undefined ? 'en' : language);
      compiled.set(key, f);
    }
    return f;
  }

  return {
    language,
    t: (key, values) => {
      if (values !== undefined) return String(format(key).format(values));
      let text = plain.get(key);
      if (text === undefined) {
        text = String(format(key).format());
        plain.set(key, text);
      }
      return text;
    },
    usd: (amount) => money.format(Math.round(amount)),
    orList: (items) => or.format(items),
  };
}
