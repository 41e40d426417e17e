import { IsIn, IsInt, IsNotEmpty, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import type { OpportunityChannel } from './opportunity.types.js';

/**
 * Pipelines (SPEC §6.2): ordered stages, each with the probability an opportunity at that stage is
 * won. Exactly one `won` and one `lost` stage, both terminal (reached only by closing). Reads need
 * `opportunity.read`; creating and editing need `pipeline.manage` (administrators).
 */
export const STAGE_KINDS = ['open', 'won', 'lost'] as const;
export type StageKind = (typeof STAGE_KINDS)[number];

export const STAGE_KEY_RE = /^[a-z][a-z0-9-]{0,31}$/;

export class PipelineStageDto {
  @IsString()
  @Matches(STAGE_KEY_RE, { message: 'key must be lower-case letters, digits and -, starting with a letter (≤ 32)' })
  key: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  label: string;

  @IsInt()
  @Min(0)
  @Max(100)
  probability: number;

  @IsIn(STAGE_KINDS)
  kind: StageKind;
}

export interface PipelineStage {
  key: string;
  label: string;
  probability: number;
  kind: StageKind;
}

export interface PipelineView {
  pipelineId: string;
  name: string;
  description: string | null;
  stages: PipelineStage[];
  /** The pipeline of opportunities that name none and whose channel no other pipeline claims. */
  isDefault: boolean;
  channels: OpportunityChannel[];
  active: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface PipelinePage {
  items: PipelineView[];
  nextCursor: string | null;
}
