export * from './mail-message';
export * from './mail.module';
export * from './outbox.repository';
export * from './outbox-dispatcher.service';
export * from './smtp-failure';
export * from './outbox-gauge.service';
export * from './mail-transport.service';
export * from './polling-loop';
