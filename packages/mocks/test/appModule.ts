// Stands for application code: it creates its client at module load, before any test setup runs.
import { createOpenSearchClient } from '@acs-opensearch/client';

export const appClient = createOpenSearchClient({
  endpoint: 'https://opensearch.cn-hangzhou.aliyuncs.com',
  credentials: { accessKeyId: 'app-ak', accessKeySecret: 'app-secret' },
  retry: false,
});
