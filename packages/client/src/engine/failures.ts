// Everything a failed call needs, in one module that loads with the first failure: a call that
// succeeds never downloads it (a page's first load is smaller by its size). The typed errors of HTTP
// error answers and of transport failures, the deadline's error, the retry decisions and the clock
// correction, and the secret removal they all use (errors/redact.ts). And, though it is no failure,
// the PascalCase reader (normalizeCasing): most answers are camelCase and never need it.

export { attemptFailure, redirectError } from './classify.js';
export { afterErrorAnswer, afterTransportFailure, deadlineBeforeAttempt } from './decide.js';
export { malformedResponse } from './malformedResponse.js';
export { normalizeCasing } from './normalizeCasing.js';
export { sleep } from './sleep.js';
export { withStory } from './story.js';
