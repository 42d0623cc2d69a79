// The official signer (@alicloud/openapi-core, a devDependency), typed for the tests that hold the
// client's signatures against it.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export const { OpenApiUtil } = require('@alicloud/openapi-core') as {
  OpenApiUtil: {
    getAuthorization(
      request: { pathname: string; method: string; query: Record<string, string>; headers: Record<string, string> },
      algorithm: string,
      payloadHash: string,
      accessKeyId: string,
      accessKeySecret: string,
    ): string;
  };
};
