import { Module } from '@nestjs/common';
import { MailBudgetRepository } from './mail-budget.repository';
import { SubscriberLinks } from './subscriber-links';
import { SubscriberMailer } from './subscriber-mailer';
import { SubscriberRepository } from './subscriber.repository';
import { SubscriberTokens } from './subscriber-token.service';
import { SubscriptionRequests } from './subscription-requests';
import { SuppressionRepository } from './suppression.repository';
import { TablesModule } from '@mailroom/platform';
import { MAIL_BUDGETS } from './entities/mail-budget.entity';
import { SUBSCRIBER_TOKENS } from './entities/subscriber-token.entity';
import { SUBSCRIBERS } from './entities/subscriber.entity';
import { SUPPRESSIONS } from './entities/suppression.entity';

/**
 * What every process that drains the outbox needs to act on subscribers, HTTP or not: the queued public requests'
 * handler, the mailer with its budget, tokens, links and suppressions. The API and the worker both import it.
 */
@Module({
  imports: [TablesModule.forFeature([SUBSCRIBERS, SUBSCRIBER_TOKENS, SUPPRESSIONS, MAIL_BUDGETS])],
  providers: [
    SubscriberRepository,
    SuppressionRepository,
    MailBudgetRepository,
    SubscriberLinks,
    SubscriberTokens,
    SubscriberMailer,
    SubscriptionRequests,
  ],
  exports: [SubscriberRepository, SuppressionRepository, SubscriberLinks, SubscriberTokens, SubscriberMailer],
})
export class SubscriptionProcessingModule {}
