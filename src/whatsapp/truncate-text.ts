// Length limits on WhatsApp are in characters; we count Unicode code points and cut only between
// grapheme clusters, so an emoji (surrogate pair, ZWJ family, flag) is never split.

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

export function codePointLength(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}

/**
 * `text` unchanged when it has at most `max` code points; otherwise the longest whole-grapheme
 * prefix that leaves room for `ellipsis`, followed by it. Pass `ellipsis: ''` for ids.
 */
export function truncateText(text: string, max: number, ellipsis = '…'): string {
  // UTF-16 length is never below the code point count: the common short case costs nothing.
  if (text.length <= max || codePointLength(text) <= max) return text;
  const budget = Math.max(0, max - codePointLength(ellipsis));
  let kept = '';
  let used = 0;
  for (const { segment } of graphemes.segment(text)) {
    const size = codePointLength(segment);
    if (used + size > budget) break;
    kept += segment;
    used += size;
  }
  return (ellipsis === '' ? kept : kept.trimEnd()) + ellipsis;
}
