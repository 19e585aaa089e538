import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', testing: 'src/testing/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
  splitting: false,
  // sample-data.ts finds the bundled CSV through import.meta.url, in CJS too.
  shims: true,
  // p-throttle and any-ascii are ESM-only: `require()` of them from the CJS build fails on Node 20
  // ("is not a function"), so the CJS build carries its own copy.
  noExternal: ['p-throttle', 'any-ascii'],
});
