/**
 * Published once per contract term, `renewalNoticeDays` (SALES_RENEWAL_NOTICE_DAYS) before its end:
 * the owner should renew it. Several sales replicas never publish it twice for one contract.
 */
export const CONTRACT_RENEWAL_DUE_V1 = 'sales.contract.renewal-due.v1';
export interface ContractRenewalDueData {
  contractId: string;
  contractNo: string;
  name: string;
  accountId: string;
  ownerId: string;
  startDate: string | null;
  endDate: string;
  /** endDate minus noticeDays: the day the notice was due. */
  noticeDate: string;
  noticeDays: number;
  termMonths: number | null;
  currency: string;
  value: string;
  version: number;
}
