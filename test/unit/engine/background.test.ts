import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { startBackgroundSync } from '../../../src/engine/background.js';
import { delay } from '../../../src/internal/abort.js';
import { OptionsError } from '../../../src/errors.js';

const HOUR = 3_600_000;

describe('startBackgroundSync', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs sync on its period and rematch on its own, with jitter', async () => {
    const calls: string[] = [];
    const handle = startBackgroundSync(
      { sync: async () => void calls.push(`sync@${Date.now()}`), rematch: async () => void calls.push(`rematch@${Date.now()}`) },
      { everyMs: HOUR, rematchEveryMs: 3 * HOUR, jitter: 0.5, random: () => 0.5 },
    );
    const start = Date.now();
    await vi.advanceTimersByTimeAsync(1.25 * HOUR - 1);
    expect(calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toEqual([`sync@${start + 1.25 * HOUR}`]);
    await vi.advanceTimersByTimeAsync(2.5 * HOUR);
    expect(calls.filter((c) => c.startsWith('sync'))).toHaveLength(3);
    expect(calls.filter((c) => c.startsWith('rematch'))).toEqual([`rematch@${start + 3.75 * HOUR}`]);
    await handle.stop();
  });

  it('never overlaps itself: a slow run delays the next one', async () => {
    let running = 0;
    let maxRunning = 0;
    let runs = 0;
    const slow = async (signal: AbortSignal) => {
      running += 1;
      runs += 1;
      maxRunning = Math.max(maxRunning, running);
      try {
        await delay(5 * HOUR, signal);
      } finally {
        running -= 1;
      }
    };
    const handle = startBackgroundSync({ sync: slow, rematch: slow }, { everyMs: HOUR, rematchEveryMs: HOUR, jitter: 0, runImmediately: true });
    await vi.advanceTimersByTimeAsync(20 * HOUR);
    expect(maxRunning).toBe(1);
    expect(runs).toBeGreaterThanOrEqual(3);
    expect(runs).toBeLessThanOrEqual(5);
    await handle.stop();
  });

  it('reports errors and carries on; stop() aborts the run in progress', async () => {
    const errors: unknown[] = [];
    let aborted = false;
    let call = 0;
    const handle = startBackgroundSync(
      {
        sync: async (signal) => {
          call += 1;
          if (call === 1) throw new Error('Last.fm down');
          await new Promise<void>((resolve) => {
            signal.addEventListener('abort', () => {
              aborted = true;
              resolve();
            });
          });
        },
        rematch: async () => {},
      },
      { everyMs: HOUR, jitter: 0, onError: (e) => errors.push(e) },
    );
    await vi.advanceTimersByTimeAsync(HOUR);
    expect(errors).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(HOUR);
    expect(handle.running).toBe(true);
    await handle.stop();
    expect(aborted).toBe(true);
    expect(handle.running).toBe(false);
    await vi.advanceTimersByTimeAsync(10 * HOUR);
    expect(call).toBe(2);
  });

  it('does not keep the process alive', async () => {
    vi.useRealTimers();
    // A process whose only work is a daily schedule must exit at once.
    const script = "import { startBackgroundSync } from './src/engine/background.ts'; startBackgroundSync({ sync: async () => {}, rematch: async () => {} }, { everyMs: 86_400_000 }); console.log('started');";
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { timeout: 20_000 });
    expect(stdout.trim()).toBe('started');
  });

  it('rejects bad options with a clear message', () => {
    expect(() => startBackgroundSync({ sync: async () => {}, rematch: async () => {} }, { everyMs: 10 })).toThrow(OptionsError);
    expect(() => startBackgroundSync({ sync: async () => {}, rematch: async () => {} }, { everyMs: 10 })).toThrow('Expected `everyMs` to be at least 1000 ms, got 10');
  });
});
