import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// The pure core (plan, analysis, report, claims) must not reach the outside world.
const pureCoreBans = {
  patterns: [
    { group: ['node:*', 'fs', 'path', 'os', 'child_process'], message: 'pure core: no node:* modules (docs/ARCHITECTURE.md)' },
    { group: ['dockerode', 'better-sqlite3', 'execa'], message: 'pure core: no Docker, SQLite or processes (docs/ARCHITECTURE.md)' },
    // types may cross the boundary; code may not
    { group: ['**/engine/*', '**/store/*', '**/bench/*', '**/measure/*', '**/cli/*', '**/runtimes/*', '**/doctor/facts*'], message: 'pure core: import only pure modules', allowTypeImports: true },
  ],
};

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'results/', 'workloads/bin/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/analysis/**', 'src/report/**', 'src/claims/**', 'src/compat/**', 'src/bench/plan.ts', 'src/bench/outcome.ts', 'src/doctor/checks.ts', 'src/stability/spread.ts', 'src/predict/**'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', pureCoreBans] },
  },
  {
    files: ['scripts/**/*.{js,mjs}'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
