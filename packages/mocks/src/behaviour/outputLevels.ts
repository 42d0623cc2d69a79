// Output levels (`output=simple|normal|detail` and the like) come from the spec: a query parameter
// with `x-acs-output-levels` lists the fields of each level, per operation, so every collection
// has its own. A level the extension does not list (`detail`) answers every field, and no level
// ever drops a field the item schema requires.
import { openApiDocument } from '../generated/openapi-document.js';

/** Projects an item onto a level's fields, keeping the fields its schema requires. A new object. */
export function projectOutput<T extends Record<string, unknown>>(
  item: T,
  fields: readonly string[],
  required: readonly string[] = [],
): T {
  const keep = new Set([...fields, ...required]);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(item)) if (keep.has(key)) out[key] = value;
  return out as T;
}

export type OutputLevel = 'simple' | 'normal' | 'detail';

/** The levels of the bundled spec's first shared parameter that declares them (the function instances' `output`). */
function bundledLevels(): Record<string, readonly string[]> {
  const parameters = (openApiDocument.components.parameters ?? {}) as Record<string, Record<string, unknown>>;
  for (const parameter of Object.values(parameters)) {
    const levels = parameter['x-acs-output-levels'];
    if (levels && typeof levels === 'object') return levels as Record<string, readonly string[]>;
  }
  return {};
}
const LEVELS = bundledLevels();

/**
 * The fields `output=simple` answers for the bundled spec's function instances.
 * @deprecated Read `x-acs-output-levels` of the operation's `output` parameter in the spec; each collection has its own.
 */
export const SIMPLE_FIELDS: readonly string[] = LEVELS.simple ?? [];
/**
 * The fields `output=normal` answers for the bundled spec's function instances.
 * @deprecated Read `x-acs-output-levels` of the operation's `output` parameter in the spec; each collection has its own.
 */
export const NORMAL_FIELDS: readonly string[] = LEVELS.normal ?? [];

/** Projects an item onto a level of the bundled spec's function instances (`detail`: everything). */
export function selectOutput<T extends object>(item: T, level: OutputLevel): T {
  const fields = LEVELS[level];
  return fields ? (projectOutput(item as Record<string, unknown>, fields) as T) : item;
}
