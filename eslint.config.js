// Type-aware linting: the async-safety rules catch promises nobody awaits or handles, which in a
// durable pipeline means a lost message or an unhandled rejection that kills the process.
import comments from '@eslint-community/eslint-plugin-eslint-comments/configs';
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    // .code-health-*/ holds the fixtures test/code-health.test.ts writes into the repo root (so the project
    // config applies to them); they fail on purpose, and a leftover from a killed run must not fail `npm run lint`.
    ignores: ['dist/', 'node_modules/', 'coverage/', 'data/', 'bench/results/', '.code-health-*/'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  // A rule disabled on one line says why on that line (`-- reason`), names the rule it disables, and is
  // removed once the line no longer needs it.
  comments.recommended,
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: { '@eslint-community/eslint-comments/require-description': 'error' },
  },
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/no-unnecessary-condition': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
      // Off: Fastify plugins and handlers are `async` by convention whether or not they await, and an
      // interface method returning a promise may have nothing to wait for. An async function without
      // await is harmless; the harmful case, a promise nobody handles, is no-floating-promises' job.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // Tests read response bodies as `any` (res.json(), JSON.parse) and pin them with expect(), which
    // is itself the check; the unsafe-any rules guard the product code, where an `any` goes unchecked.
    files: ['test/**/*.ts', '**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
