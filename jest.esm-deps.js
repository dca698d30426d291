/**
 * sanitize-html's parser (htmlparser2 12 and its dom* and entities packages) ships as ES modules only. Node loads them
 * (require of ESM, Node 20.19+), but jest's CommonJS runtime cannot, so both jest configs compile just these packages
 * to CommonJS.
 */
const ESM_ONLY = ['htmlparser2', 'entities', 'domhandler', 'domutils', 'dom-serializer', 'domelementtype'];

module.exports = {
  // Skip node_modules except these packages, wherever they are nested (sanitize-html keeps its own copies).
  transformIgnorePatterns: [`/node_modules/(?!(?:.*/node_modules/)?(?:${ESM_ONLY.join('|')})/)`],
  transform: {
    '^.+\\.js$': [
      'ts-jest',
      { tsconfig: { allowJs: true, module: 'commonjs', target: 'es2022', esModuleInterop: true }, diagnostics: false },
    ],
  },
};
