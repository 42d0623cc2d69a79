// Where the mocks find an application's search schema: the collection (under an app group) whose
// items carry a field whose schema the spec marks `x-acs-search-schema` (CreateApp's `schema`).
import { deref, type Json } from '@acs-opensearch/openapi-reader';
import type { Collection, SpecModel } from '../model/specModel.js';

export function searchSource(spec: SpecModel): { collection: Collection; field: string } | undefined {
  for (const collection of spec.collections) {
    if (collection.scope === undefined) continue;
    const item = deref(spec.document, collection.itemSchema) as Json | undefined;
    for (const [field, raw] of Object.entries<Json>(item?.properties ?? {}))
      if ((deref(spec.document, raw) as Json | undefined)?.['x-acs-search-schema'] === true)
        return { collection, field };
  }
  return undefined;
}
