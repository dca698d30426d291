// Copied from the team's shared bench folder (shared/bench/smtp-blast.js) so the benchmark runs from a clean clone.
// Floor reference for newsletter delivery: how fast one Node process can hand N personalised
// messages to a local SMTP server through a pooled nodemailer transport (no database, no queue).
'use strict';
const nodemailer = require('nodemailer');
const N = Number(process.env.N || 20000);
const CONNS = Number(process.env.CONNS || 10);
const t = nodemailer.createTransport({
  pool: true,
  maxConnections: CONNS,
  maxMessages: Infinity,
  host: '127.0.0.1',
  port: Number(process.env.SMTP_PORT || 2525),
  secure: false,
  ignoreTLS: true,
});
(async () => {
  const t0 = process.hrtime.bigint();
  let inflight = 0,
    next = 0,
    done = 0,
    failed = 0;
  await new Promise((resolve) => {
    const pump = () => {
      while (inflight < CONNS * 4 && next < N) {
        const i = next++;
        inflight++;
        t.sendMail({
          from: 'News <news@example.com>',
          to: `reader${i}@example.com`,
          subject: `Issue 42 for reader ${i}`,
          text: `Hello reader ${i},\n\nThis is the newsletter body.\n\nUnsubscribe: https://example.com/u/${i}`,
          html: `<p>Hello reader ${i},</p><p>This is the newsletter body.</p><p><a href="https://example.com/u/${i}">Unsubscribe</a></p>`,
          headers: {
            'List-Unsubscribe': `<https://example.com/u/${i}>`,
            'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
          },
        })
          .then(
            () => done++,
            () => failed++,
          )
          .finally(() => {
            inflight--;
            if (done + failed === N) resolve();
            else pump();
          });
      }
    };
    pump();
  });
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  t.close();
  console.log(
    JSON.stringify({
      sent: done,
      failed,
      seconds: +s.toFixed(2),
      per_second: Math.round(done / s),
      connections: CONNS,
    }),
  );
})();
