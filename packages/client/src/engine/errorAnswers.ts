// The HTTP answer behind an error, for raw calls, which hand error answers back as openapi-fetch does.
import type { OpenSearchError } from '../errors/errors.js';
import type { Answer } from '../shared/call.js';

export const errorAnswers = new WeakMap<OpenSearchError, Answer>();
