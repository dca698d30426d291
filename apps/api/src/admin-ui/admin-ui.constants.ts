export const ADMIN_UI_ASSETS = Symbol('ADMIN_UI_ASSETS');

/**
 * The dashboard's Content-Security-Policy. Scripts only from this origin (no inline script, no eval), so text an
 * attacker stored can never run even if it reached the DOM. Styles allow 'unsafe-inline' because Mantine writes its
 * theme variables in a <style> element; styles cannot run code. Newsletter previews render in a sandboxed srcdoc
 * iframe, which inherits this policy; remote https images are allowed there so a preview looks like the email.
 */
export const ADMIN_UI_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: https:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');
