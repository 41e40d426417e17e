import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export interface LeadConversionRow {
  leadId: string;
  campaignId: string | null;
  accountId: string;
  contactId: string;
  opportunityId: string;
  linkedExisting: boolean;
  employeeId: string;
  createdAt: Date;
}

/** `lead_conversion`: one row per converted lead (plain SQL). */
@Injectable()
export class LeadConversionRepository {
  async find(m: EntityManager, leadId: string): Promise<LeadConversionRow | null> {
    const rows: Array<Record<string, any>> = await m.query('SELECT * FROM lead_conversion WHERE lead_id = ?', [leadId]);
    const r = rows[0];
    return r
      ? {
          leadId: r.lead_id,
          campaignId: r.campaign_id,
          accountId: r.account_id,
          contactId: r.contact_id,
          opportunityId: r.opportunity_id,
          linkedExisting: Boolean(Number(r.linked_existing)),
          employeeId: r.employee_id,
          createdAt: new Date(r.created_at),
        }
      : null;
  }

  /**
   * Claims the lead for this transaction: the primary key makes a concurrent apply of the same lead
   * wait here, then fail with a duplicate key (and be run again, finding this row).
   */
  async claim(m: EntityManager, leadId: string, campaignId: string | null, employeeId: string, at: Date): Promise<void> {
    await m.query('INSERT INTO lead_conversion (lead_id, campaign_id, employee_id, created_at) VALUES (?, ?, ?, ?)', [
      leadId,
      campaignId,
      employeeId,
      at,
    ]);
  }

  async complete(
    m: EntityManager,
    r: Pick<LeadConversionRow, 'leadId' | 'accountId' | 'contactId' | 'opportunityId' | 'linkedExisting'>,
  ): Promise<void> {
    await m.query('UPDATE lead_conversion SET account_id = ?, contact_id = ?, opportunity_id = ?, linked_existing = ? WHERE lead_id = ?', [
      r.accountId,
      r.contactId,
      r.opportunityId,
      r.linkedExisting ? 1 : 0,
      r.leadId,
    ]);
  }
}
