import { CrmError, ErrorCode, type PipelineStage } from '@crm/contracts';

const invalid = (field: string, reason: string) => new CrmError(ErrorCode.ValidationFailed, reason, [{ field, reasons: [reason] }]);

/**
 * A pipeline's stages make sense: unique keys, exactly one `won` and one `lost` stage, at least one
 * open stage to start from. Throws 4220 naming `stages`.
 */
export function checkStages(stages: readonly PipelineStage[]): void {
  const keys = new Set<string>();
  for (const s of stages) {
    if (keys.has(s.key)) throw invalid('stages', `stage key ${s.key} appears twice`);
    keys.add(s.key);
  }
  const won = stages.filter((s) => s.kind === 'won').length;
  const lost = stages.filter((s) => s.kind === 'lost').length;
  if (won !== 1) throw invalid('stages', `a pipeline has exactly one won stage (found ${won})`);
  if (lost !== 1) throw invalid('stages', `a pipeline has exactly one lost stage (found ${lost})`);
  if (!stages.some((s) => s.kind === 'open')) throw invalid('stages', 'a pipeline needs at least one open stage');
}

export function stageOf(stages: readonly PipelineStage[], key: string): PipelineStage | undefined {
  return stages.find((s) => s.key === key);
}

export function firstOpenStage(stages: readonly PipelineStage[]): PipelineStage {
  return stages.find((s) => s.kind === 'open')!;
}

export function terminalStage(stages: readonly PipelineStage[], kind: 'won' | 'lost'): PipelineStage {
  return stages.find((s) => s.kind === kind)!;
}
