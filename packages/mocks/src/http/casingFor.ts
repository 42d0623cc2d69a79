// Chooses how response bodies go on the wire: as they are (camelCase) or in PascalCase.
import { toPascalCase } from './casing.js';

export function casingFor(casing: 'camel' | 'pascal'): (body: unknown) => Record<string, unknown> {
  if (casing !== 'camel' && casing !== 'pascal')
    throw new TypeError(`casing must be 'camel' or 'pascal', got ${JSON.stringify(casing)}`);
  return casing === 'pascal'
    ? (body) => toPascalCase(body) as Record<string, unknown>
    : (body) => body as Record<string, unknown>;
}
