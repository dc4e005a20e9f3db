import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['build/**', 'dist/**', 'release/**', 'node_modules/**', 'test/artifacts/**', '.electron-native/**', 'playwright-report/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Services stay plain Node: only the thin Electron shell may import electron.
    files: ['src-main/**/*.ts'],
    ignores: ['src-main/electron/main.ts', 'src-main/electron/preload.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'Only src-main/electron/main.ts and preload.ts may import electron.' }] }],
    },
  },
  {
    // The renderer talks to the main side only through the typed client: types, never code.
    files: ['src-renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          // The one exception is the shared money formatter, which has no Node imports: screens
          // and letters must write an amount identically, so both run the same code.
          patterns: [{ regex: '(^|/)src-main/(?!money/money-format$)', allowTypeImports: true, message: 'Import only types from src-main/contract; call services through api/client.' }],
          paths: [{ name: 'electron', message: 'The renderer has no access to Electron.' }],
        },
      ],
    },
  },
  {
    files: ['*.cjs', 'bench/**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly' } },
  },
  {
    files: ['scripts/**/*.mjs', 'bench/**/*.mjs', '*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
