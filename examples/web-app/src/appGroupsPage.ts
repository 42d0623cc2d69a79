// A page of app groups built on @acs-opensearch/query: an infinite list, a create form and a
// delete button, and the API's own sentence when something fails. No query key and no
// invalidation is written here: the options carry both, and the mutation cache runs the refresh.
import type { OpenSearchError } from '@acs-opensearch/client';
import { createOpenSearchMutationCache, type OpenSearchQueries } from '@acs-opensearch/query';
import { QueryClient, useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { type FormEvent, createElement as h, useState } from 'react';

/** The app's QueryClient: every write refreshes what it changed, whatever callbacks a component adds. */
export const createQueryClient = () =>
  new QueryClient({
    mutationCache: createOpenSearchMutationCache(),
    defaultOptions: { queries: { retry: false } },
  });

/** The error to show: the API's own sentence. */
const ErrorText = ({ error }: { error: OpenSearchError | null }) => error && h('p', { role: 'alert' }, error.detail);

export function AppGroupsPage({ q, pageSize = 10 }: { q: OpenSearchQueries; pageSize?: number }) {
  const [notice, setNotice] = useState('');
  const [name, setName] = useState('');
  const list = useInfiniteQuery(q.listAppGroupsInfiniteOptions({ pageSize }));
  // The app's own callbacks, spread over the options: the list still refreshes (the mutation cache).
  const create = useMutation({ ...q.createAppGroupMutation(), onSuccess: () => setNotice(`Created ${name}.`) });
  const remove = useMutation({ ...q.removeAppGroupMutation(), onSuccess: () => setNotice('Deleted.') });
  const groups = list.data?.pages.flatMap((page) => page.result) ?? [];
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({
      body: { name, type: 'standard', quota: { docSize: 1, computeResource: 20, spec: 'opensearch.share.common' } },
    });
  };
  return h(
    'section',
    null,
    h('h1', null, 'App groups'),
    notice && h('p', { role: 'status' }, notice),
    h(ErrorText, { error: list.error ?? create.error ?? remove.error }),
    h(
      'ul',
      { 'aria-label': 'app groups' },
      ...groups.map((group) =>
        h(
          'li',
          { key: group.name },
          group.name,
          ' ',
          h(
            'button',
            { type: 'button', onClick: () => remove.mutate({ appGroupIdentity: group.name }) },
            `Delete ${group.name}`,
          ),
        ),
      ),
    ),
    list.hasNextPage &&
      h('button', { type: 'button', onClick: () => list.fetchNextPage(), disabled: list.isFetchingNextPage }, 'More'),
    h(
      'form',
      { onSubmit: submit },
      h(
        'label',
        null,
        'Name ',
        h('input', { value: name, onChange: (e: { target: { value: string } }) => setName(e.target.value) }),
      ),
      h('button', { type: 'submit' }, 'Create'),
    ),
  );
}
