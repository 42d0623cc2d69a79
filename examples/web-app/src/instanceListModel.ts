// The app's logic, free of the DOM: which page, which source filter, what was loaded, what failed.
// Node tests drive it directly; the view (instanceListView.ts) renders it.
import { type FunctionInstance, type OpenSearchClient, OpenSearchError } from '@acs-opensearch/client';

export type SourceFilter = 'user' | 'builtin' | 'all';

export interface InstanceListState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  pageNumber: number;
  pageSize: number;
  source: SourceFilter;
  totalCount: number;
  instances: FunctionInstance[];
  error: { code: string; message: string; requestId: string | undefined; kind: string } | undefined;
}

export interface InstanceListModel {
  readonly state: InstanceListState;
  load(): Promise<void>;
  next(): Promise<void>;
  previous(): Promise<void>;
  setSource(source: SourceFilter): Promise<void>;
  readonly pageCount: number;
  subscribe(listener: (state: InstanceListState) => void): () => void;
}

export function createInstanceListModel(
  client: Pick<OpenSearchClient, 'listFunctionInstances'>,
  options: { appGroupIdentity: string; functionName: string; pageSize?: number; source?: SourceFilter },
): InstanceListModel {
  let state: InstanceListState = {
    status: 'idle',
    pageNumber: 1,
    pageSize: options.pageSize ?? 5,
    source: options.source ?? 'user',
    totalCount: 0,
    instances: [],
    error: undefined,
  };
  const listeners = new Set<(s: InstanceListState) => void>();
  let generation = 0;
  const set = (patch: Partial<InstanceListState>) => {
    state = { ...state, ...patch };
    for (const listener of listeners) listener(state);
  };

  async function fetchPage(pageNumber: number, source: SourceFilter) {
    const mine = ++generation;
    set({ status: 'loading', pageNumber, source, error: undefined });
    try {
      const page = await client.listFunctionInstances({
        appGroupIdentity: options.appGroupIdentity,
        functionName: options.functionName,
        source,
        pageNumber,
        pageSize: state.pageSize,
      });
      // A slower, older answer must not overwrite a newer one.
      if (mine !== generation) return;
      set({ status: 'ready', instances: page.result, totalCount: page.totalCount ?? page.result.length });
    } catch (error) {
      if (mine !== generation) return;
      const e = error instanceof OpenSearchError ? error : undefined;
      set({
        status: 'error',
        instances: [],
        error: {
          code: e?.code ?? 'Unknown',
          message: error instanceof Error ? error.message : String(error),
          requestId: e?.requestId,
          kind: e?.kind ?? 'unknown',
        },
      });
    }
  }

  const model: InstanceListModel = {
    get state() {
      return state;
    },
    get pageCount() {
      return Math.max(1, Math.ceil(state.totalCount / state.pageSize));
    },
    load: () => fetchPage(state.pageNumber, state.source),
    next: () =>
      state.pageNumber < model.pageCount ? fetchPage(state.pageNumber + 1, state.source) : Promise.resolve(),
    previous: () => (state.pageNumber > 1 ? fetchPage(state.pageNumber - 1, state.source) : Promise.resolve()),
    setSource: (source) => fetchPage(1, source),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return model;
}
