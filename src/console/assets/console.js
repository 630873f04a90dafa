/* global document, window, EventSource, htmx, Element, HTMLSelectElement -- a browser script, served to the console pages */
// The console's own script: CSRF header on htmx requests, and the live conversation stream.
document.body.addEventListener('htmx:configRequest', (e) => {
  const token = document.body.dataset.csrf;
  if (token) e.detail.headers['x-csrf-token'] = token;
});
const live = document.querySelector('[data-live]');
if (live) {
  // A refresh replaces the region, and with it whatever the operator is choosing there (an admin's
  // open "Assign to" list): while a control inside it has the focus the refresh waits for the focus
  // to leave, and a choice made but not yet submitted is put back into the refreshed region.
  const controls = 'select, textarea, input:not([type=hidden])';
  const editing = () => {
    const el = document.activeElement;
    return el instanceof Element && el.matches(controls) && live.contains(el);
  };
  const ticked = (el) => el.type === 'checkbox' || el.type === 'radio';
  const changed = (el) => {
    if (el instanceof HTMLSelectElement) return [...el.options].some((o) => o.selected !== o.defaultSelected);
    return ticked(el) ? el.checked !== el.defaultChecked : el.value !== el.defaultValue;
  };
  let deferred = false;
  const refresh = () => {
    deferred = editing();
    if (!deferred) htmx.trigger(live, 'live-change');
  };
  live.addEventListener('focusout', () => {
    if (deferred) window.setTimeout(refresh, 0);
  });
  let kept = [];
  live.addEventListener('htmx:beforeSwap', () => {
    kept = [...live.querySelectorAll(controls)]
      .filter((el) => el.id && changed(el))
      .map((el) => [el.id, ticked(el) ? el.checked : el.value]);
  });
  live.addEventListener('htmx:afterSwap', () => {
    for (const [id, value] of kept) {
      const el = document.getElementById(id);
      if (!el || !live.contains(el)) continue;
      if (el instanceof HTMLSelectElement && ![...el.options].some((o) => o.value === value)) continue;
      if (ticked(el)) el.checked = value;
      else el.value = value;
    }
    kept = [];
  });
  const source = new EventSource(live.dataset.live);
  source.addEventListener('changed', refresh);
  // The stream compares against what it sees when it connects, not what this page was rendered from:
  // fetch once on each (re)connection, so a change between the two is not missed.
  source.addEventListener('open', refresh);
  // The session ended (signed out elsewhere, idle, or the operator disabled): reload, which shows the
  // sign-in page instead of a page that silently stopped updating.
  source.addEventListener('signed-out', () => {
    source.close();
    window.location.reload();
  });
  window.addEventListener('pagehide', () => source.close());
}
// Forms that undo something ask first (data-confirm holds the question).
for (const form of document.querySelectorAll('form[data-confirm]')) {
  form.addEventListener('submit', (e) => {
    if (!window.confirm(form.dataset.confirm)) e.preventDefault();
  });
}
// A canned reply picked on the conversation page goes into the reply box, to be edited and sent.
document.body.addEventListener('change', (e) => {
  const select = e.target.closest && e.target.closest('select[data-fills]');
  const option = select && select.selectedOptions[0];
  const box = select && document.getElementById(select.dataset.fills);
  if (!option || !option.dataset.text || !box) return;
  box.value = option.dataset.text;
  box.focus();
});
