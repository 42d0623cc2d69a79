// A stateful property over every resource shape (fixtures/shapes.ts): any sequence of creates,
// updates and deletes (camelCase or PascalCase bodies, dry runs or not), singleton writes, actions,
// reads at every output level and app group removals matches a plain model of what should be
// stored. It runs with several fixed seeds and one random seed (printed), so that it holds for any
// seed, not the one it was written with. PROPERTY_SEED=<n> runs that seed alone.
import { fc, test } from '@fast-check/vitest';
import { getResponse } from 'msw';
import { describe, expect } from 'vitest';
import { createOpenSearchHandlers } from '../src/index.js';
import { shapesDocument } from './fixtures/shapes.js';

const random = Math.floor(Math.random() * 2 ** 31);
const SEEDS = process.env.PROPERTY_SEED ? [Number(process.env.PROPERTY_SEED)] : [20171225, 7, 4242, random];
const RUNS = Number(process.env.PROPERTY_RUNS ?? 40);
console.info(`shapes properties: seeds ${SEEDS.join(', ')} (the last one random), ${RUNS} runs each`);

const levels = { simple: ['gadgetName', 'colour'], normal: ['gadgetName', 'colour', 'size', 'status'] } as const;

type Gadget = { colour?: string; size?: number; notes?: string; status?: string; mode: string };
type Command =
  | { kind: 'create'; name: string; colour: string; size: number; pascal: boolean; dry: boolean }
  | { kind: 'update'; name: string; notes: string; pascal: boolean; dry: boolean }
  | { kind: 'delete'; name: string; dry: boolean }
  | { kind: 'settings'; name: string; mode: 'auto' | 'manual'; dry: boolean }
  | { kind: 'polish'; name: string }
  | { kind: 'read'; name: string; view: 'simple' | 'normal' | 'detail' | undefined }
  | { kind: 'list'; view: 'simple' | 'normal' | 'detail' | undefined };

const name = fc.constantFrom('g1', 'lamp', 'kettle', 'box');
const flag = fc.boolean();
const view = fc.constantFrom('simple' as const, 'normal' as const, 'detail' as const, undefined);
const command: fc.Arbitrary<Command> = fc.oneof(
  fc.record({
    kind: fc.constant('create' as const),
    name,
    colour: fc.constantFrom('red', 'blue'),
    size: fc.integer({ min: 1, max: 9 }),
    pascal: flag,
    dry: flag,
  }),
  fc.record({
    kind: fc.constant('update' as const),
    name,
    notes: fc.string({ maxLength: 6 }),
    pascal: flag,
    dry: flag,
  }),
  fc.record({ kind: fc.constant('delete' as const), name, dry: flag }),
  fc.record({
    kind: fc.constant('settings' as const),
    name,
    mode: fc.constantFrom('auto' as const, 'manual' as const),
    dry: flag,
  }),
  fc.record({ kind: fc.constant('polish' as const), name }),
  fc.record({ kind: fc.constant('read' as const), name, view }),
  fc.record({ kind: fc.constant('list' as const), view }),
);

const pascalCase = (body: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(body).map(([k, v]) => [k[0]!.toUpperCase() + k.slice(1), v]));

/** What a read at a level shows of a stored gadget. */
function shown(gadgetName: string, g: Gadget, level: 'simple' | 'normal' | 'detail' | undefined) {
  const full: Record<string, unknown> = { gadgetName, shelfName: 'main', ...g };
  delete full.mode;
  for (const k of Object.keys(full)) if (full[k] === undefined) delete full[k];
  const fields = level === 'detail' ? undefined : levels[level ?? 'normal'];
  return fields
    ? Object.fromEntries(Object.entries(full).filter(([k]) => (fields as readonly string[]).includes(k)))
    : full;
}

describe.each(SEEDS)('every shape, with seed %i', (seed) => {
  test.prop([fc.array(command, { maxLength: 25 })], { seed, numRuns: RUNS, endOnFailure: true })(
    'any sequence of writes, actions and reads matches a plain model',
    async (commands) => {
      const mock = createOpenSearchHandlers({ document: shapesDocument as never, baseUrl: 'https://prop.example' });
      const call = async (method: string, path: string, body?: unknown) => {
        const response = await getResponse(
          mock.handlers,
          new Request(`https://prop.example/v4/openapi/shelves/main${path}`, {
            method,
            headers: { 'content-type': 'application/json' },
            ...(body === undefined ? {} : { body: JSON.stringify(body) }),
          }),
        );
        return { status: response!.status, data: await response!.json() };
      };
      // The fixture's default gadget, as its example has it.
      const model = new Map<string, Gadget>([
        ['g1', { colour: 'red', size: 2, notes: 'n', status: 'new', mode: 'auto' }],
      ]);
      for (const c of commands) {
        const known = 'name' in c ? model.get(c.name) : undefined;
        const dry = 'dry' in c && c.dry ? '?check=true' : '';
        if (c.kind === 'create') {
          const body = { gadgetName: c.name, colour: c.colour, size: c.size };
          const answer = await call('POST', `/gadgets${dry}`, c.pascal ? pascalCase(body) : body);
          expect(answer.status).toBe(known ? 409 : 200);
          // A new gadget takes its schema's default status.
          if (!known && !c.dry) model.set(c.name, { colour: c.colour, size: c.size, status: 'new', mode: 'auto' });
        } else if (c.kind === 'update') {
          const answer = await call(
            'PUT',
            `/gadgets/${c.name}${dry}`,
            c.pascal ? { Notes: c.notes } : { notes: c.notes },
          );
          expect(answer.status).toBe(known ? 200 : 404);
          if (known && !c.dry) known.notes = c.notes;
        } else if (c.kind === 'delete') {
          expect((await call('DELETE', `/gadgets/${c.name}${dry}`)).status).toBe(known ? 200 : 404);
          if (known && !c.dry) model.delete(c.name);
        } else if (c.kind === 'settings') {
          expect((await call('PUT', `/gadgets/${c.name}/settings${dry}`, { mode: c.mode })).status).toBe(
            known ? 200 : 404,
          );
          if (known && !c.dry) known.mode = c.mode;
        } else if (c.kind === 'polish') {
          expect((await call('POST', `/gadgets/${c.name}/actions/polish`)).status).toBe(known ? 200 : 404);
          if (known) known.status = 'polished';
        } else if (c.kind === 'read') {
          const got = await call('GET', `/gadgets/${c.name}${c.view ? `?view=${c.view}` : ''}`);
          expect(got.status).toBe(known ? 200 : 404);
          if (known) {
            expect(got.data.result).toEqual(shown(c.name, known, c.view));
            expect((await call('GET', `/gadgets/${c.name}/settings`)).data.result.mode).toBe(known.mode);
          }
        } else {
          const got = await call('GET', `/gadgets?pageSize=100${c.view ? `&view=${c.view}` : ''}`);
          expect(got.data.totalCount).toBe(model.size);
          expect(new Set(got.data.result.map((g: { gadgetName: string }) => g.gadgetName))).toEqual(
            new Set(model.keys()),
          );
          for (const item of got.data.result)
            expect(item).toEqual(shown(item.gadgetName, model.get(item.gadgetName)!, c.view));
        }
      }
    },
  );
});
