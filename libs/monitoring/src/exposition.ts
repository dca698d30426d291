/**
 * prom-client's default metrics include gauges named `nodejs_active_{handles,requests,resources}_total`, which break
 * Prometheus naming rules (`promtool check metrics` rejects a gauge ending in _total). They are only the sums of
 * `nodejs_active_handles` etc., which are exposed per type, so dropping them loses nothing.
 */
const MISNAMED = /^nodejs_active_(handles|requests|resources)_total$/;

export function conformingExposition(text: string): string {
  return text
    .split('\n')
    .filter((line) => {
      const name = line.startsWith('#') ? line.split(' ')[2] : line.split(/[{ ]/)[0];
      return name === undefined || !MISNAMED.test(name);
    })
    .join('\n');
}
