import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'loved-track-cache-examples-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Every example is a program a user runs; each asserts its own outcome and
// exits non-zero when it does not hold.
const expectations: Record<string, RegExp> = {
  'quickstart.ts': /^\d+ of 1200 loved tracks in library$/m,
  'desktop-player.ts': /^2 of 4 loved tracks in library/m,
  'multi-user-server.ts': /^alice \(account 1\): \d+ of 800 loved tracks in library$/m,
};

describe('examples', () => {
  const examples = readdirSync('examples').filter((file) => file.endsWith('.ts'));

  it('covers every example file', () => {
    expect(examples.sort()).toEqual(expect.arrayContaining(Object.keys(expectations)));
  });

  // The examples that take a database server run once more on MySQL/MariaDB
  // when LOVED_CACHE_MYSQL_URL is set.
  const mysql = process.env.LOVED_CACHE_MYSQL_URL ? ['multi-user-server.ts'] : [];
  if (mysql.length === 0) console.warn('MySQL/MariaDB run of the examples skipped: set LOVED_CACHE_MYSQL_URL to run it.');
  const runs = [...examples.map((example) => ({ example, database: undefined })), ...mysql.map((example) => ({ example, database: 'mysql' }))];

  for (const { example, database } of runs) {
    it(`runs examples/${example}${database === undefined ? '' : ` on ${database}`}`, async () => {
      // Force the bundled sample even when a developer has real credentials set.
      const env = { ...process.env, LASTFM_API_KEY: '', LASTFM_USER: '', QUICKSTART_DB: join(dir, 'quickstart.sqlite'), EXAMPLE_DATABASE: database ?? '' };
      const { stdout } = await run(process.execPath, ['--import', 'tsx', join('examples', example)], { env, timeout: 120_000 });
      const pattern = expectations[example];
      if (pattern !== undefined) expect(stdout).toMatch(pattern);
      else expect(stdout.length).toBeGreaterThan(0);
    }, 150_000);
  }
});
