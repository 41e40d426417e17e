/** Outbound calls the CRM makes to EOMS's own interface (SPEC §2.4). */
export const EOMS_STAGE_REPLY_V1 = 'eoms.workorder.stage-reply.v1';
export const EOMS_REPLY_V1 = 'eoms.workorder.reply.v1';
/** Name under which the CRM keeps its EOMS credentials in the outbound credential store. */
export const EOMS_TARGET = 'eoms';

export interface EomsStageReplyPayload {
  orderNo: string;
  workOrderId: string;
  status: string;
  note: string;
  at: string;
}

export interface EomsReplyPayload {
  orderNo: string;
  workOrderId: string;
  resolution: string;
  completedAt: string;
}
