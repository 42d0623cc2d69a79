// The README's msw 3 setup, type-checked against msw 3: onUnhandledFrame (msw 3 ignores
// onUnhandledRequest), controller, one reset.
import { controller, handlers, onUnhandledFrame, reset } from '@acs-opensearch/mocks';
import { setupServer } from 'msw/node';

export const server = setupServer(...handlers);
server.listen({ onUnhandledFrame });
controller.seed('my_app', []);
reset(server);
