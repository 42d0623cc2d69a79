// TanStack Query from the packed packages: React Query and Vue Query take the generated options as
// they are, and the data, the error and the cache are typed.
import { createOpenSearchClient, type OpenSearchError } from '@acs-opensearch/client';
import {
  createFunctionInstanceMutation,
  listFunctionInstancesInfiniteOptions,
  listFunctionInstancesOptions,
  listFunctionInstancesQueryKey,
} from '@acs-opensearch/query';
import { QueryClient, useInfiniteQuery, useMutation, useQuery } from '@tanstack/react-query';
import {
  useInfiniteQuery as useVueInfiniteQuery,
  useMutation as useVueMutation,
  useQuery as useVueQuery,
} from '@tanstack/vue-query';

const client = createOpenSearchClient({ credentials: { accessKeyId: 'ak', accessKeySecret: 'sk' } });
const params = { appGroupIdentity: 'shop', functionName: 'ctr' };

export function useReactInstances() {
  const list = useQuery(listFunctionInstancesOptions(client, params));
  const total: number | undefined = list.data?.totalCount;
  const error: OpenSearchError | null = list.error;
  const pages = useInfiniteQuery(listFunctionInstancesInfiniteOptions(client, params));
  const firstPage: number | undefined = pages.data?.pages[0]?.result.length;
  const create = useMutation(createFunctionInstanceMutation(client));
  create.mutate({ ...params, body: { instanceName: 'x', modelType: 'tf_checkpoint' } as never });
  return { total, error, firstPage };
}

export function useVueInstances() {
  const list = useVueQuery(listFunctionInstancesOptions(client, params));
  const total: number | undefined = list.data.value?.totalCount;
  const error: OpenSearchError | null = list.error.value;
  const pages = useVueInfiniteQuery(listFunctionInstancesInfiniteOptions(client, params));
  const create = useVueMutation(createFunctionInstanceMutation(client));
  return { total, error, pages, create };
}

const cached = new QueryClient().getQueryData(listFunctionInstancesQueryKey(params));
export const cachedTotal: number | undefined = cached?.totalCount;
// @ts-expect-error: the cached data is typed by the key
export const wrong: string | undefined = cached?.totalCount;
