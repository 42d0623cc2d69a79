// The home page's search: every word typed must appear in an operation's action, operationId,
// request path, RAM action, family or summary. Runs on the index in assets/operations.js.
(() => {
  const ops = window.ACS_OPENSEARCH_OPERATIONS ?? [];
  const input = document.getElementById('search');
  const list = document.getElementById('search-results');
  const status = document.getElementById('search-status');
  if (!input || !list || !status) return;
  const haystacks = ops.map((op) =>
    [op.action, op.operationId, `${op.method} ${op.path}`, op.ram, op.tag, op.summary].join(' ').toLowerCase(),
  );
  const exact = (op, q) => op.action.toLowerCase() === q || op.operationId.toLowerCase() === q;
  const render = (query) => {
    const words = query.toLowerCase().split(/\s+/).filter(Boolean);
    list.textContent = '';
    if (words.length === 0) {
      status.textContent = '';
      return;
    }
    const found = ops.filter((_, i) => words.every((w) => haystacks[i].includes(w)));
    // An exact action or operationId first, then the rest in the spec's order.
    const q = query.trim().toLowerCase();
    found.sort((a, b) => (exact(a, q) ? 0 : 1) - (exact(b, q) ? 0 : 1));
    status.textContent =
      found.length === 0 ? 'No operation matches.' : `${found.length} operation${found.length === 1 ? '' : 's'}`;
    for (const op of found) {
      const li = document.createElement('li');
      const a = document.createElement('a');
      a.href = op.href;
      a.textContent = op.action;
      const code = document.createElement('code');
      code.textContent = `${op.method} ${op.path}`;
      const summary = document.createElement('span');
      summary.textContent = ` ${op.summary}`;
      li.append(a, ' ', code, summary);
      list.append(li);
    }
  };
  input.addEventListener('input', () => render(input.value));
  const initial = new URLSearchParams(location.search).get('q');
  if (initial) {
    input.value = initial;
    render(initial);
  }
})();
