import { applyDecorators, UseGuards } from '@nestjs/common';
import { HoneypotGuard } from './honeypot';
import { OriginGuard } from './origin.guard';
import { Public } from './public.decorator';
import { SubmissionThrottlerGuard } from './submission.throttler-guard';

/** A public route that writes on a visitor's behalf: open to all, origin-checked, rate limited per IP, honeypotted. */
export const PublicSubmission = () =>
  applyDecorators(Public(), UseGuards(OriginGuard, SubmissionThrottlerGuard, HoneypotGuard));
