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
  window.addEventListener('pagehide', () => source.close());
}
