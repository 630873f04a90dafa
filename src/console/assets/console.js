/* global document, window, EventSource, htmx -- a browser script, served to the console pages */
// The console's own script: CSRF header on htmx requests, and the live conversation stream.
document.body.addEventListener('htmx:configRequest', (e) => {
  const token = document.body.dataset.csrf;
  if (token) e.detail.headers['x-csrf-token'] = token;
});
const live = document.querySelector('[data-live]');
if (live) {
  const source = new EventSource(live.dataset.live);
  source.addEventListener('changed', () => htmx.trigger(live, 'live-change'));
  // The stream compares against what it sees when it connects, not what this page was rendered from:
  // fetch once on each (re)connection, so a change between the two is not missed.
  source.addEventListener('open', () => htmx.trigger(live, 'live-change'));
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
