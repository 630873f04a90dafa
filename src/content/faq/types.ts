/** One FAQ answer: `words` are what people type when they mean it (searched with the question). */
export interface FaqEntry {
  id: string;
  question: string;
  words: string;
  answer: string;
}
