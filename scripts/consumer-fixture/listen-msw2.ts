// The README's msw 2 setup, type-checked against msw 2: onUnhandledRequest, controller, one reset.
import { controller, handlers, onUnhandledRequest, reset } from '@acs-opensearch/mocks';
import { setupServer } from 'msw/node';

export const server = setupServer(...handlers);
server.listen({ onUnhandledRequest });
controller.seed('my_app', []);
reset(server);
