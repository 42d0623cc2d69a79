// Testing Library waits up to 10 s for what a test finds (its default, 1 s, is too short for the
// first request of a file on a loaded CI machine). Tests wait for events, so this only matters
// when something is slow, never when it works.
const { configure } = require('@testing-library/dom');

configure({ asyncUtilTimeout: 10_000 });
