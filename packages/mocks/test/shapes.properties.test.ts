// A stateful property over every resource shape (fixtures/shapes.ts): any sequence of creates,
// updates and deletes (camelCase or PascalCase bodies, dry runs or not), singleton writes, actions
// (and one that needs a state first), bulk pushes of entries (with unknown commands and dry runs),
// files saved inside an item, reads at every output level and of what is under an item matches a
// plain model of what should be stored. It runs with several fixed seeds and one random seed (printed), so that it holds for any
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

type Gadget = {
  colour?: string;
  size?: number;
  notes?: string;
  status?: string;
  mode: string;
  /** Under the gadget: its words (term to meaning) and the names of its parts. */
  words: Map<string, string | undefined>;
  parts: Set<string>;
};
type Push = { op: 'put' | 'drop' | 'bad'; term: string; meaning?: string };
type Command =
  | { kind: 'create'; name: string; colour: string; size: number; pascal: boolean; dry: boolean }
  | { kind: 'update'; name: string; notes: string; pascal: boolean; dry: boolean }
  | { kind: 'delete'; name: string; dry: boolean }
  | { kind: 'settings'; name: string; mode: 'auto' | 'manual'; dry: boolean }
  | { kind: 'polish'; name: string }
  | { kind: 'read'; name: string; view: 'simple' | 'normal' | 'detail' | undefined }
  | { kind: 'list'; view: 'simple' | 'normal' | 'detail' | undefined }
  | { kind: 'push'; name: string; commands: Push[]; dry: boolean }
  | { kind: 'ship'; name: string }
  | { kind: 'save'; name: string; part: string }
  | { kind: 'under'; name: string };

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
  // What is under a gadget (entries, files) comes up as often as the rest together.
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('push' as const),
      name,
      commands: fc.array(
        fc.record(
          {
            op: fc.constantFrom('put' as const, 'put' as const, 'drop' as const, 'drop' as const, 'bad' as const),
            term: fc.constantFrom('hello', 'milk', 'soy'),
            meaning: fc.constantFrom('a', 'b'),
          },
          { requiredKeys: ['op', 'term'] },
        ),
        { minLength: 1, maxLength: 4 },
      ),
      dry: flag,
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('ship' as const), name }) },
  {
    weight: 4,
    arbitrary: fc.record({ kind: fc.constant('save' as const), name, part: fc.constantFrom('a.src', 'b.src') }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('under' as const), name }) },
);

const pascalCase = (body: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(body).map(([k, v]) => [k[0]!.toUpperCase() + k.slice(1), v]));

/** What a read at a level shows of a stored gadget. */
function shown(gadgetName: string, g: Gadget, level: 'simple' | 'normal' | 'detail' | undefined) {
  const { words: _words, parts: _parts, ...fields_ } = g;
  const full: Record<string, unknown> = { gadgetName, shelfName: 'main', ...fields_ };
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
      // The fixture's default gadget, as its example has it, with the example word and part under it.
      const model = new Map<string, Gadget>([
        [
          'g1',
          {
            colour: 'red',
            size: 2,
            notes: 'n',
            status: 'new',
            mode: 'auto',
            words: new Map([['hello', 'a greeting']]),
            parts: new Set(['p']),
          },
        ],
      ]);
      /** What is under a gadget (its words, its parts' names) is what the model says, or 404 without it. */
      const checkUnder = async (gadget: string, known: Gadget | undefined) => {
        const words = await call('GET', `/gadgets/${gadget}/words?pageSize=100`);
        const parts = await call('GET', `/gadgets/${gadget}/part-names`);
        expect([words.status, parts.status]).toEqual(known ? [200, 200] : [404, 404]);
        if (!known) return;
        const listed = words.data.result as Array<{ term: string; meaning?: string }>;
        expect(new Map(listed.map((w) => [w.term, w.meaning]))).toEqual(known.words);
        expect(new Set((parts.data.result as Array<{ partName: string }>).map((p) => p.partName))).toEqual(known.parts);
      };
      for (const c of commands) {
        const known = 'name' in c ? model.get(c.name) : undefined;
        const dry = 'dry' in c && c.dry ? '?check=true' : '';
        if (c.kind === 'create') {
          const body = { gadgetName: c.name, colour: c.colour, size: c.size };
          const answer = await call('POST', `/gadgets${dry}`, c.pascal ? pascalCase(body) : body);
          expect(answer.status).toBe(known ? 409 : 200);
          // A new gadget takes its schema's default status, and nothing is under it.
          if (!known && !c.dry)
            model.set(c.name, {
              colour: c.colour,
              size: c.size,
              status: 'new',
              mode: 'auto',
              words: new Map(),
              parts: new Set(),
            });
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
        } else if (c.kind === 'push') {
          const answer = await call('POST', `/gadgets/${c.name}/words/actions/bulk${dry}`, c.commands);
          const bad = c.commands.some((p) => p.op === 'bad');
          expect(answer.status).toBe(known ? (bad ? 400 : 200) : 404);
          if (known && !bad && !c.dry)
            for (const p of c.commands)
              if (p.op === 'put') known.words.set(p.term, p.meaning);
              else known.words.delete(p.term);
          await checkUnder(c.name, known);
        } else if (c.kind === 'ship') {
          const answer = await call('POST', `/gadgets/${c.name}/actions/ship`);
          expect(answer.status).toBe(known ? (known.status === 'polished' ? 200 : 400) : 404);
          if (known?.status === 'polished') known.status = 'shipped';
        } else if (c.kind === 'save') {
          const answer = await call('PUT', `/gadgets/${c.name}/parts/${c.part}`, { content: 'YQ==' });
          expect(answer.status).toBe(known ? (known.status === 'shipped' ? 400 : 200) : 404);
          if (known && known.status !== 'shipped') {
            known.parts.add(c.part);
            known.status = 'dirty';
          }
          await checkUnder(c.name, known);
        } else if (c.kind === 'under') {
          await checkUnder(c.name, known);
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
