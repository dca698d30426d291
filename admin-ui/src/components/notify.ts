import { notifications } from '@mantine/notifications';
import { describeError } from '../lib/api-client';

export function notifySuccess(message: string): void {
  notifications.show({ color: 'green', message, autoClose: 4000 });
}

export function notifyError(error: unknown, title = 'That did not work'): void {
  notifications.show({ color: 'red', title, message: describeError(error), autoClose: 8000 });
}
