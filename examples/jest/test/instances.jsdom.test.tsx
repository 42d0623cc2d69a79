// A React component test in TSX, with Testing Library, under Jest 30 (Node 20 and 24).
import { createOpenSearchClient, type FunctionInstance } from '@acs-opensearch/client';
import { makeFunctionInstances, type OpenSearchMocks, setupOpenSearchMocks } from '@acs-opensearch/mocks';
import { cleanup, render, screen } from '@testing-library/react';
import { useEffect, useState } from 'react';

let mocks: OpenSearchMocks;
beforeAll(async () => {
  mocks = await setupOpenSearchMocks();
});
afterEach(() => {
  cleanup();
  mocks.reset();
});
afterAll(() => mocks.close());

// No retries in tests: an error shows at once.
const client = createOpenSearchClient({ credentials: { accessKeyId: 'test', accessKeySecret: 'test' }, retry: false });

function Instances({ appGroup }: { appGroup: string }) {
  const [items, setItems] = useState<FunctionInstance[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    client.listFunctionInstances({ appGroupIdentity: appGroup, functionName: 'ctr' }).then(
      (page) => setItems(page.result),
      (e: { code: string }) => setError(e.code),
    );
  }, [appGroup]);
  if (error) return <p role="alert">{error}</p>;
  if (!items) return <p>Loading</p>;
  return (
    <ul>
      {items.map((i) => (
        <li key={i.instanceName}>{i.instanceName}</li>
      ))}
    </ul>
  );
}

test('renders exactly the instances the test gives', async () => {
  mocks.controller.seed('shop', makeFunctionInstances(2, { functionName: 'ctr' }));
  render(<Instances appGroup="shop" />);
  expect(await screen.findByText('ctr_instance_002')).toBeTruthy();
  expect(screen.getAllByRole('listitem')).toHaveLength(2);
});

test('shows an error at once', async () => {
  mocks.use(mocks.mock.throttle());
  render(<Instances appGroup="shop" />);
  expect((await screen.findByRole('alert')).textContent).toBe('Throttling.User');
});
