// The app's entry: builds the client and mounts the list. In a real deployment the browser gets
// short-lived STS credentials from your own backend (never a long-term AccessKey secret).
import { type Credentials, createOpenSearchClient } from '@acs-opensearch/client';
import { createInstanceListModel } from './instanceListModel.js';
import { mountInstanceList } from './instanceListView.js';

/** Asks your backend for STS credentials; the backend calls AssumeRole and returns the triple. */
async function fetchStsCredentials(): Promise<Credentials> {
  const response = await fetch(import.meta.env.VITE_STS_URL ?? '/api/opensearch-sts');
  if (!response.ok) throw new Error(`STS endpoint answered HTTP ${response.status}`);
  return (await response.json()) as Credentials;
}

const client = createOpenSearchClient({
  ...(import.meta.env.VITE_OPENSEARCH_ENDPOINT ? { endpoint: import.meta.env.VITE_OPENSEARCH_ENDPOINT } : {}),
  credentials: fetchStsCredentials,
});

const appGroupIdentity = import.meta.env.VITE_APP_GROUP ?? 'my_app';
const functionName = import.meta.env.VITE_FUNCTION ?? 'ctr';
const model = createInstanceListModel(client, { appGroupIdentity, functionName, pageSize: 5 });
mountInstanceList(
  document.querySelector<HTMLElement>('#app')!,
  model,
  `Instances of ${appGroupIdentity} / ${functionName}`,
);
void model.load();
