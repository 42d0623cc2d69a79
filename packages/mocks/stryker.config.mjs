// Mutation testing of the mocks' signature verification and request pipeline:
// `pnpm --filter @acs-opensearch/mocks test:mutation`, or `pnpm test:mutation` at the root.
import { strykerConfig } from '../../scripts/lib/stryker.mjs';

export default strykerConfig(['src/verifySignature.ts', 'src/pipeline.ts', 'src/nonceStore.ts', 'src/router.ts']);
