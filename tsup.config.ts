import { defineConfig } from 'tsup';

export default defineConfig([
  {
    entry: {
      index: 'src/index.ts',
      errors: 'src/errors.ts',
      'model/index': 'src/model/index.ts',
      'jsonld/index': 'src/jsonld/index.ts',
      'schema/index': 'src/schema/index.ts',
      'keys/index': 'src/keys/index.ts',
      'proof/index': 'src/proof/index.ts',
      'status/index': 'src/status/index.ts',
      'bake/index': 'src/bake/index.ts',
      'verify/index': 'src/verify/index.ts',
      'present/index': 'src/present/index.ts',
      'serve/index': 'src/serve/index.ts',
    },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    splitting: true,
    treeshake: true,
    target: 'es2022',
    platform: 'neutral',
  },
  {
    entry: { 'cli/main': 'src/cli/main.ts' },
    format: ['esm'],
    dts: false,
    sourcemap: false,
    platform: 'node',
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
  },
]);
