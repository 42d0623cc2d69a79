// The dev server for the end-to-end test: the app as users run it, pointed at the mock server the
// acs-opensearch-mock command started, with a stand-in for your backend's STS endpoint (the app
// asks /api/opensearch-sts for credentials; in production your backend calls AssumeRole).
import { defineConfig } from 'vite';

export const E2E_CREDENTIALS = { accessKeyId: 'e2e-ak', accessKeySecret: 'e2e-secret', securityToken: 'e2e-sts-token' };

export default defineConfig({
  server: { host: '127.0.0.1', port: Number(process.env.E2E_APP_PORT ?? 5174), strictPort: true },
  plugins: [
    {
      name: 'e2e-sts-endpoint',
      configureServer(server) {
        server.middlewares.use('/api/opensearch-sts', (_req, res) => {
          res.setHeader('content-type', 'application/json');
          res.end(JSON.stringify(E2E_CREDENTIALS));
        });
      },
    },
  ],
});
