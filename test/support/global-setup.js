// The worker-process tests run the production build; make sure it exists and is current.
const { execSync } = require('node:child_process');

module.exports = async () => {
  execSync('npm run build --silent', { stdio: 'inherit', cwd: require('node:path').resolve(__dirname, '../..') });
};
