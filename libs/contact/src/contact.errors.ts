import { NotFound } from '@mailroom/platform';

export class SubmissionNotFound extends NotFound {
  constructor(id: number) {
    super(`Contact submission ${id} does not exist`);
  }
}
