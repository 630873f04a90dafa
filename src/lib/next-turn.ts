/**
 * Resolves on a later turn of the event loop, after pending I/O callbacks. A worker loop awaits it
 * between items so that a long run of work (synchronous SQLite statements under promise wrappers
 * never leave the microtask queue) cannot keep HTTP requests waiting until it ends.
 */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
