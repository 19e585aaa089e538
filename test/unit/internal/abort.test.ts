import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { delay, raceAbort } from '../../../src/internal/abort.js';

describe('delay', () => {
  it('resolves after the given time', async () => {
    const started = performance.now();
    await delay(30);
    expect(performance.now() - started).toBeGreaterThanOrEqual(25);
  });

  it('rejects at once with the reason of an already aborted signal', async () => {
    const reason = new Error('stop');
    await expect(delay(10_000, AbortSignal.abort(reason))).rejects.toBe(reason);
  });

  it('rejects promptly with the reason when the signal aborts mid-wait, and removes its listener', async () => {
    const controller = new AbortController();
    const reason = new Error('shutting down');
    const started = performance.now();
    const waiting = delay(10_000, controller.signal);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1);
    setTimeout(() => controller.abort(reason), 20);
    await expect(waiting).rejects.toBe(reason);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it('removes its listener after a normal finish, so a long-lived signal does not collect them', async () => {
    const controller = new AbortController();
    for (let index = 0; index < 5; index++) await delay(1, controller.signal);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });
});

describe('raceAbort', () => {
  it('settles like the promise when there is no signal or it does not abort', async () => {
    await expect(raceAbort(Promise.resolve(7))).resolves.toBe(7);
    const controller = new AbortController();
    await expect(raceAbort(Promise.resolve(8), controller.signal)).resolves.toBe(8);
    await expect(raceAbort(Promise.reject(new Error('boom')), controller.signal)).rejects.toThrow('boom');
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it('rejects with the signal reason when the signal aborts first', async () => {
    const controller = new AbortController();
    const never = new Promise<never>(() => {});
    const racing = raceAbort(never, controller.signal);
    controller.abort('enough');
    await expect(racing).rejects.toBe('enough');
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it('rejects at once for an already aborted signal without an unhandled rejection from the loser', async () => {
    const loser = Promise.reject(new Error('ignored'));
    await expect(raceAbort(loser, AbortSignal.abort('gone'))).rejects.toBe('gone');
  });
});
