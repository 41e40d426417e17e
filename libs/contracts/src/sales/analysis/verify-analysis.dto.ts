import { IsBoolean, IsOptional } from 'class-validator';

export const ANALYSIS_VERIFY_V1 = 'sales.analysis.verify.v1';

/**
 * Recomputes every aggregate from the fact rows and reports the differences (0 when the
 * incremental upkeep is right). `repair: true` replaces the aggregates by the recomputation (after
 * a bulk load, or to mend a difference found). Needs `analysis.read` and the data scope `all`.
 */
export class VerifyAnalysisDto {
  @IsOptional()
  @IsBoolean()
  repair?: boolean;
}
