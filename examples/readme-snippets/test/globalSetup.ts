// Writes the README snippets to .snippets/ before vitest collects the test files among them.
import { writeSnippets } from './write.js';

export default function setup() {
  writeSnippets();
}
