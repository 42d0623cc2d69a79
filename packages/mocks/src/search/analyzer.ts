// How the mocks split a field's value into the words a query matches: text fields (TEXT,
// SHORT_TEXT, or any index with a text analyzer) by Intl.Segmenter's word boundaries, which split
// Chinese into words as well as English, lower-cased; exact fields (LITERAL, numbers, the
// `keyword` analyzer) as the whole value. The engine and its tests use the same analyzer, so a
// word found by one is found by the other.

const TEXT_TYPES = new Set(['TEXT', 'SHORT_TEXT']);
const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

export type Analyzer = (value: unknown) => string[];

/** Words of a text: Intl.Segmenter word-like segments, lower-cased. */
export function textWords(value: unknown): string[] {
  const out: string[] = [];
  for (const item of Array.isArray(value) ? value : [value]) {
    if (item === undefined || item === null) continue;
    for (const segment of segmenter.segment(String(item)))
      if (segment.isWordLike) out.push(segment.segment.toLowerCase());
  }
  return out;
}

/** The whole value (each element of an array) as one word. */
function exactWords(value: unknown): string[] {
  const out: string[] = [];
  for (const item of Array.isArray(value) ? value : [value]) {
    if (item === undefined || item === null || item === '') continue;
    out.push(typeof item === 'number' ? String(item) : String(item).toLowerCase());
  }
  return out;
}

/** The analyzer of an index: text for text fields and text analyzers, exact otherwise. */
export function analyzerFor(fieldTypes: readonly string[], analyzer: string | undefined): Analyzer {
  if (analyzer === 'keyword') return exactWords;
  if (analyzer !== undefined || fieldTypes.some((t) => TEXT_TYPES.has(t))) return textWords;
  return exactWords;
}
