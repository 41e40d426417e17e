import { Inject, Injectable } from '@nestjs/common';
import {
  CrmError,
  DEFAULT_CURRENCY,
  ErrorCode,
  type IndustryListView,
  type IndustryProfileDto,
  type IndustryProfileView,
  type IndustrySectionView,
  type IndustryView,
  type ListIndustriesDto,
} from '@crm/contracts';
import { actingEmployee, type CallContext } from '@crm/security';
import { periodOf } from '../competitor/period.js';
import { GBT4754_SECTIONS } from './1765000310000-industry.data.js';
import { normaliseIndustryCode } from './industry-code.js';
import { industryProfileFigures } from './industry-profile.js';
import { IndustryRepository, type IndustryRow } from './industry.repository.js';

/** GB/T 4754-2017 reference data and the company's own figures per industry (SPEC §6.1). */
@Injectable()
export class IndustryService {
  constructor(@Inject(IndustryRepository) private readonly industries: IndustryRepository) {}

  async list(q: ListIndustriesDto): Promise<IndustryListView> {
    const all = (await this.industries.all()).map(toIndustryView);
    const needle = q.q?.trim().toLowerCase();
    const hit = (v: IndustryView) =>
      !needle || v.code.toLowerCase() === needle || v.nameZh.toLowerCase().includes(needle) || v.nameEn.toLowerCase().includes(needle);
    const inSection = all.filter((v) => q.section === undefined || v.section === q.section);
    if (q.flat) return { items: inSection.filter((v) => (q.level === undefined || v.level === q.level) && hit(v)) };
    const sections: IndustrySectionView[] = [];
    for (const s of inSection.filter((v) => v.level === 'section')) {
      const divisions = inSection.filter((v) => v.level === 'division' && v.section === s.code);
      const shown = hit(s) ? divisions : divisions.filter(hit);
      if (!hit(s) && shown.length === 0) continue;
      const range = GBT4754_SECTIONS.find((x) => x.code === s.code)!;
      sections.push({ ...s, divisionRange: [pad(range.first), pad(range.last)], divisions: q.level === 'section' ? [] : shown });
    }
    return { sections };
  }

  async profile(dto: IndustryProfileDto, ctx: CallContext): Promise<IndustryProfileView> {
    actingEmployee(ctx);
    const code = normaliseIndustryCode(dto.industryCode);
    const period = periodOf(dto);
    const currency = dto.currency ?? DEFAULT_CURRENCY;
    const industry = await this.industries.find(code);
    if (!industry) throw new CrmError(ErrorCode.NotFound, `industry ${code} not found`);
    const [accounts, leadGroups, facts] = await Promise.all([
      this.industries.accounts(code, period, ctx.scope),
      this.industries.leadGroups(code, period, ctx.scope),
      this.industries.facts(code, period, ctx.scope),
    ]);
    const ids = [...new Set(facts.flatMap((f) => [...f.competitorIds, ...(f.lostToCompetitorId ? [f.lostToCompetitorId] : [])]))];
    const figures = industryProfileFigures({
      accounts,
      leadGroups,
      facts,
      period,
      currency,
      competitorNames: await this.industries.competitorNames(ids),
    });
    return {
      industry: toIndustryView(industry),
      from: period.from?.toISOString() ?? null,
      to: period.to?.toISOString() ?? null,
      currency,
      ...figures,
    };
  }
}

function toIndustryView(r: IndustryRow): IndustryView {
  return { code: r.code, level: r.level, section: r.section, nameZh: r.name_zh, nameEn: r.name_en };
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
