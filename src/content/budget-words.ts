// How people write amounts in each of our languages: unit words after the number and currency
// words around it. Data, not logic (conversation/budget.ts reads it). Every language's words count
// for everyone, but the user's own language wins a clash: "250 mil" is 250 thousand in Spanish and
// Portuguese, while English chat slang reads "1 mil" as a million.

/** Unit words and the factor they stand for, per language (matched whole, lower-cased, NFC). */
export const BUDGET_UNITS: Readonly<Record<string, readonly (readonly [string, number])[]>> = {
  en: [
    ['k', 1e3],
    ['thousand', 1e3],
    ['thousands', 1e3],
    ['m', 1e6],
    ['mm', 1e6],
    ['mn', 1e6],
    ['mio', 1e6],
    ['mil', 1e6],
    ['million', 1e6],
    ['millions', 1e6],
    ['b', 1e9],
    ['bn', 1e9],
    ['billion', 1e9],
    ['billions', 1e9],
    ['lakh', 1e5],
    ['lakhs', 1e5],
    ['lac', 1e5],
    ['crore', 1e7],
    ['crores', 1e7],
  ],
  ar: [
    ['ألف', 1e3],
    ['الف', 1e3],
    ['آلاف', 1e3],
    ['مليون', 1e6],
    ['ملايين', 1e6],
    ['مليار', 1e9],
  ],
  fa: [
    ['هزار', 1e3],
    ['میلیون', 1e6],
    ['ميليون', 1e6],
    ['میلیارد', 1e9],
  ],
  ru: [
    ['к', 1e3],
    ['тыс', 1e3],
    ['тыс.', 1e3],
    ['тысяча', 1e3],
    ['тысячи', 1e3],
    ['тысяч', 1e3],
    ['млн', 1e6],
    ['млн.', 1e6],
    ['миллион', 1e6],
    ['миллиона', 1e6],
    ['миллионов', 1e6],
    ['млрд', 1e9],
  ],
  'zh-Hans': [
    ['千', 1e3],
    ['万', 1e4],
    ['萬', 1e4],
    ['百万', 1e6],
    ['亿', 1e8],
  ],
  hi: [
    ['हज़ार', 1e3],
    ['हजार', 1e3],
    ['लाख', 1e5],
    ['करोड़', 1e7],
    ['करोड', 1e7],
  ],
  tr: [
    ['bin', 1e3],
    ['milyon', 1e6],
    ['milyar', 1e9],
  ],
  fr: [
    ['mille', 1e3],
    ['million', 1e6],
    ['millions', 1e6],
    ['milliard', 1e9],
    ['milliards', 1e9],
  ],
  es: [
    ['mil', 1e3],
    ['millón', 1e6],
    ['millon', 1e6],
    ['millones', 1e6],
  ],
  'pt-BR': [
    ['mil', 1e3],
    ['milhão', 1e6],
    ['milhao', 1e6],
    ['milhões', 1e6],
    ['milhoes', 1e6],
    ['bilhão', 1e9],
  ],
};

/**
 * Currency symbols, codes and names, written before or after the amount. Without any, an amount is
 * in US dollars. A currency here without a rate in CURRENCY_RATES_FILE is asked again in dollars.
 */
export const CURRENCY_WORDS: Readonly<Record<string, readonly string[]>> = {
  USD: [
    '$',
    'usd',
    'us$',
    'us dollar',
    'us dollars',
    'dollar',
    'dollars',
    'доллар',
    'долларов',
    'доллара',
    'دولار',
    'دلار',
    '美元',
    'डॉलर',
    'dolar',
    'dólar',
    'dólares',
    'dolares',
  ],
  EUR: ['€', 'eur', 'euro', 'euros', 'евро', 'يورو', 'یورو', '欧元', 'यूरो', 'avro'],
  GBP: ['£', 'gbp', 'pound', 'pounds', 'фунтов', 'جنيه', '英镑'],
  AED: ['aed', 'dirham', 'dirhams', 'dhs', 'درهم'],
  SAR: ['sar', 'riyal', 'riyals', 'ريال'],
  RUB: ['₽', 'rub', 'руб', 'руб.', 'рублей', 'рубля', 'рубль'],
  CNY: ['¥', 'cny', 'rmb', '元', '人民币'],
  INR: ['₹', 'inr', 'rs', 'rs.', 'rupees', 'रुपये', 'रुपए'],
  TRY: ['₺', 'tl', 'lira', 'türk lirası'],
  BRL: ['r$', 'brl', 'reais'],
  CHF: ['chf'],
};
