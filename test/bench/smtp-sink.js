// A local SMTP server that accepts and discards everything, counting messages; prints the count on SIGUSR2 and exits
// on SIGTERM. Run as its own process so it does not share a CPU with what is being measured.
'use strict';
const { SMTPServer } = require('smtp-server');

let messages = 0;
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  maxClients: 200,
  onData(stream, _session, callback) {
    stream.on('data', () => undefined);
    stream.on('end', () => {
      messages += 1;
      callback();
    });
  },
});
server.listen(Number(process.env.SMTP_PORT || 2525), '127.0.0.1', () => process.send?.({ ready: true }));
process.on('message', (message) => {
  if (message === 'count') process.send({ count: messages });
  if (message === 'reset') messages = 0;
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
