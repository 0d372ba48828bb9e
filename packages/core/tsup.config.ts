import { defineConfig, type Options } from 'tsup';

const shared: Options = {
  entry: ['src/index.ts'],
  dts: true,
  sourcemap: true,
  target: 'es2022',
};

export default defineConfig([
  { ...shared, format: 'esm', clean: true },
  // ky ships only ES modules: `require('ky')` hands back its namespace, whose `default` is not ky, so the
  // CommonJS build carries its own copy of ky (the consumer test `headless.cjs` caught `ky.create is not a function`).
  { ...shared, format: 'cjs', noExternal: ['ky'] },
]);
