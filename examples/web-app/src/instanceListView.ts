// Renders the instance list into a DOM element: a source filter, a table, paging buttons and a
// readable error box. Plain DOM, no framework.
import type { InstanceListModel, InstanceListState, SourceFilter } from './instanceListModel.js';

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

export function mountInstanceList(root: HTMLElement, model: InstanceListModel, title: string): () => void {
  root.replaceChildren();
  const heading = el('h1', {}, title);
  const label = el('label', { for: 'source' }, 'Source ');
  const select = el('select', { id: 'source', name: 'source' });
  for (const value of ['user', 'builtin', 'all']) select.append(el('option', { value }, value));
  label.append(select);
  const status = el('p', { role: 'status', 'aria-live': 'polite' });
  const alert = el('div', { role: 'alert', hidden: '' });
  const table = el('table', { 'aria-label': 'Function instances' });
  const thead = el('thead');
  const headRow = el('tr');
  for (const h of ['Instance', 'Function', 'Status', 'Source', 'Model type'])
    headRow.append(el('th', { scope: 'col' }, h));
  thead.append(headRow);
  const tbody = el('tbody');
  table.append(thead, tbody);
  const prev = el('button', { type: 'button' }, 'Previous');
  const next = el('button', { type: 'button' }, 'Next');
  const pageInfo = el('span', { 'data-testid': 'page-info' });
  const nav = el('nav', { 'aria-label': 'Pages' });
  nav.append(prev, pageInfo, next);
  root.append(heading, label, status, alert, table, nav);

  select.addEventListener('change', () => void model.setSource(select.value as SourceFilter));
  prev.addEventListener('click', () => void model.previous());
  next.addEventListener('click', () => void model.next());

  function render(state: InstanceListState) {
    select.value = state.source;
    status.textContent =
      state.status === 'loading' ? 'Loading…' : state.status === 'ready' ? `${state.totalCount} instance(s)` : '';
    if (state.error) {
      alert.hidden = false;
      alert.textContent = `Error ${state.error.code}: ${state.error.message}${state.error.requestId ? ` (request ${state.error.requestId})` : ''}`;
    } else {
      alert.hidden = true;
      alert.textContent = '';
    }
    tbody.replaceChildren(
      ...state.instances.map((i) => {
        const row = el('tr');
        for (const cell of [i.instanceName, i.functionName, i.status ?? '', i.source ?? '', i.modelType ?? ''])
          row.append(el('td', {}, cell));
        return row;
      }),
    );
    pageInfo.textContent = `Page ${state.pageNumber} of ${model.pageCount}`;
    prev.disabled = state.status === 'loading' || state.pageNumber <= 1;
    next.disabled = state.status === 'loading' || state.pageNumber >= model.pageCount;
  }
  render(model.state);
  return model.subscribe(render);
}
