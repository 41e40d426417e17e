import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  CASE_STATUS_CHANGED_V1,
  CaseStatusChangedEventDto,
  CrmError,
  ErrorCode,
  WORKORDER_DISPATCHED_V1,
  WORKORDER_URGED_V1,
  WORKORDER_WITHDRAWN_V1,
  WorkorderEventDto,
} from '@crm/contracts';
import { InboxHandler, type InboxEvent } from '@crm/inbox';
import { systemContext } from '@crm/security';
import { AccountDirectoryRepository } from '../account-directory/account-directory.repository.js';
import { CaseService, type OpenCaseInput } from '../case/case.service.js';
import { WorkorderService } from '../workorder/workorder.service.js';
import { caseCategoryOf, workorderStepsFor } from './workorder-case-mapping.js';

/** An EOMS order links to an open case of the same account and category opened this recently (a customer who called first). */
const LINK_WINDOW_MS = 24 * 3_600_000;

/**
 * EOMS work orders as cases (queue `<ns>.service.in.workorder-case`), both ways, each event
 * applied once in the transaction that records it:
 * - a dispatched `complaint` or `fault` order opens a case (or links an open one) for the account
 *   of `customer.accountNo`, resolution due no later than the order's deadline; with
 *   `affectedAccountNos` it opens a master case and a child per affected account;
 * - an urge raises the cases' priority, a withdraw closes them;
 * - a (non-child) case's status change drives the order through the work-order service's own
 *   paths: accept, stage reply, final reply to EOMS.
 */
@Injectable()
export class WorkorderCaseInbox {
  private readonly log = new Logger('WorkorderCaseInbox');

  constructor(
    @Inject(CaseService) private readonly cases: CaseService,
    @Inject(WorkorderService) private readonly workorders: WorkorderService,
    @Inject(AccountDirectoryRepository) private readonly accounts: AccountDirectoryRepository,
  ) {}

  @InboxHandler(WORKORDER_DISPATCHED_V1, WorkorderEventDto)
  async dispatched(event: InboxEvent<WorkorderEventDto>, m: EntityManager): Promise<void> {
    const o = event.data;
    const affected = [...new Set(o.affectedAccountNos ?? [])];
    const category = caseCategoryOf(o.type, affected.length > 0);
    if (!category || !o.customerAccountNo) return;
    if ((await this.cases.casesOfWorkorder(m, o.workOrderId)).length) return;
    const ctx = systemContext(event.caller ?? 'EOMS');
    const accountId = await this.accounts.accountIdOf(o.customerAccountNo, m);
    const base: OpenCaseInput = {
      accountId,
      contact: null,
      channel: 'eoms',
      category,
      priority: o.priority ?? 'normal',
      subject: (o.title ?? `EOMS order ${o.orderNo}`).slice(0, 200),
      description: o.description ?? '',
      queueId: null,
      skills: [],
      masterCaseId: null,
      workorderId: o.workOrderId,
      orderNo: o.orderNo,
      resolveBy: o.deadline ? new Date(o.deadline) : null,
      attributes: { accountNo: o.customerAccountNo },
    };
    if (!affected.length) {
      const linkable = accountId ? await this.cases.findLinkable(m, accountId, category, new Date(Date.now() - LINK_WINDOW_MS)) : null;
      if (linkable) {
        await this.cases.linkWorkorder(m, linkable, o.workOrderId, o.orderNo, ctx);
        return;
      }
      await this.cases.open(m, base, ctx, 'system', ['case-created', 'workorder-dispatched']);
      return;
    }
    const masterId = await this.cases.open(
      m,
      { ...base, attributes: { ...base.attributes, affectedAccounts: String(affected.length) } },
      ctx,
      'system',
      ['case-created', 'workorder-dispatched'],
    );
    for (const accountNo of affected) {
      await this.cases.open(
        m,
        { ...base, accountId: await this.accounts.accountIdOf(accountNo, m), masterCaseId: masterId, attributes: { accountNo } },
        ctx,
        'system',
        ['case-created'],
      );
    }
  }

  @InboxHandler(WORKORDER_URGED_V1, WorkorderEventDto)
  urged(event: InboxEvent<WorkorderEventDto>, m: EntityManager): Promise<void> {
    return this.cases.urge(m, event.data.workOrderId, null, systemContext(event.caller ?? 'EOMS'));
  }

  @InboxHandler(WORKORDER_WITHDRAWN_V1, WorkorderEventDto)
  withdrawn(event: InboxEvent<WorkorderEventDto>, m: EntityManager): Promise<void> {
    return this.cases.withdraw(m, event.data.workOrderId, null, systemContext(event.caller ?? 'EOMS'));
  }

  @InboxHandler(CASE_STATUS_CHANGED_V1, CaseStatusChangedEventDto)
  async caseStatusChanged(event: InboxEvent<CaseStatusChangedEventDto>, m: EntityManager): Promise<void> {
    const c = event.data;
    // Children follow their master: only the master (or a lone case) speaks to EOMS.
    if (!c.orderNo || c.masterCaseId) return;
    const ctx = systemContext('service');
    for (const step of workorderStepsFor(c.status, c.caseNo, c.note ?? null)) {
      try {
        if (step.action === 'accept') await this.workorders.accept(c.orderNo, `case ${c.caseNo}`, ctx, m);
        else if (step.action === 'progress') await this.workorders.progress(c.orderNo, step.note, ctx, m);
        else await this.workorders.complete(c.orderNo, step.resolution, ctx, m);
      } catch (e) {
        // The order's state does not allow the step (already accepted, completed or withdrawn): nothing to send.
        if (e instanceof CrmError && (e.code === ErrorCode.Conflict || e.code === ErrorCode.NotFound)) continue;
        throw e;
      }
    }
    this.log.debug?.({ msg: 'case progress sent to its work order', caseNo: c.caseNo, status: c.status });
  }
}
