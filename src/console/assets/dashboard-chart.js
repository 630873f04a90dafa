/* global document, window, uPlot, ResizeObserver -- a browser script, served to the dashboard */
// Draws the daily users/leads chart with uPlot from the JSON block the server rendered (no inline script).
const box = document.getElementById('daily-chart');
const source = document.getElementById('daily-data');
if (box && source && window.uPlot) {
  const data = JSON.parse(source.textContent || '{}');
  const xs = (data.days || []).map((d) => Date.parse(d + 'T00:00:00Z') / 1000);
  const size = () => ({ width: Math.max(260, box.clientWidth), height: 240 });
  const chart = new uPlot(
    {
      ...size(),
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
      scales: { x: { time: true }, y: { range: (u, min, max) => [0, Math.max(1, max)] } },
      // Whole days on x (month-day), whole people on y.
      axes: [
        {
          incrs: [86400, 2 * 86400, 7 * 86400],
          values: (u, ticks) => ticks.map((t) => new Date(t * 1000).toISOString().slice(5, 10)),
        },
        { label: 'people', incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000] },
      ],
      series: [
        { label: 'Day' },
        { label: 'New users', stroke: '#0b5cad', width: 2, fill: 'rgba(11, 92, 173, 0.08)' },
        { label: 'Leads', stroke: '#c05621', width: 2, dash: [6, 4] },
      ],
    },
    [xs, data.users || [], data.leads || []],
    box,
  );
  new ResizeObserver(() => chart.setSize(size())).observe(box);
}
