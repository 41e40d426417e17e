import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { AccountProfileEventDto } from '@crm/contracts';
import type { CoOccurrence, PeerHoldings, Product } from './recommendation-ranking.js';

interface ProductRow {
  sku: string;
  name: string;
  product_id: string | null;
}

const product = (r: ProductRow): Product => ({ sku: r.sku, name: r.name, productId: r.product_id });

/** At most this many held skus feed the co-occurrence query (an account with more is an outlier). */
const MAX_ANTECEDENTS = 50;
/** MariaDB's "table doesn't exist". */
const ER_NO_SUCH_TABLE = 1146;

/**
 * The evidence recommendations read: the `asset` table (asset feature), `service_case` (case
 * feature, shared columns `account_id`, `category`, `created_at`) and the account profiles this
 * feature keeps. All reads; the profile upsert is the only write.
 */
@Injectable()
export class RecommendationRepository {
  private readonly log = new Logger(RecommendationRepository.name);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Moves the profile forward only (events of one account may arrive out of order). */
  async upsertProfile(m: EntityManager, p: AccountProfileEventDto): Promise<void> {
    await m.query(
      `INSERT INTO recommendation_account_profile (account_id, industry_code, segment, version) VALUES (?, ?, ?, ?)
       ON DUPLICATE KEY UPDATE
         industry_code = IF(VALUES(version) > version, VALUES(industry_code), industry_code),
         segment = IF(VALUES(version) > version, VALUES(segment), segment),
         version = GREATEST(version, VALUES(version))`,
      [p.accountId, p.industryCode ?? null, p.segment, p.version],
    );
  }

  /** Whether service knows the account at all: a directory entry, a profile or an asset. */
  async accountKnown(accountId: string): Promise<boolean> {
    const rows = (await this.dataSource.query(
      `SELECT EXISTS(SELECT 1 FROM account_directory WHERE account_id = ?)
           OR EXISTS(SELECT 1 FROM recommendation_account_profile WHERE account_id = ?)
           OR EXISTS(SELECT 1 FROM asset WHERE account_id = ?) AS known`,
      [accountId, accountId, accountId],
    )) as { known: number | string }[];
    return Number(rows[0]?.known ?? 0) === 1;
  }

  /** The account's assets by sku: active ones, and ended ones (with their last contract and end). */
  async holdings(
    accountId: string,
  ): Promise<{ active: Product[]; ended: { product: Product; contractNo: string; endsOn: string | null }[] }> {
    const rows = (await this.dataSource.query(
      `SELECT sku, MAX(name) AS name, MAX(product_id) AS product_id, status, MAX(contract_no) AS contract_no,
              DATE_FORMAT(MAX(ends_on), '%Y-%m-%d') AS ends_on
       FROM asset WHERE account_id = ? GROUP BY sku, status ORDER BY sku`,
      [accountId],
    )) as (ProductRow & { status: string; contract_no: string; ends_on: string | null })[];
    return {
      active: rows.filter((r) => r.status === 'active').map(product),
      ended: rows.filter((r) => r.status === 'ended').map((r) => ({ product: product(r), contractNo: r.contract_no, endsOn: r.ends_on })),
    };
  }

  /** Over the other accounts' active assets: holders of each held sku, and how many of them hold each other sku. */
  async coOccurrence(accountId: string, held: readonly string[], minTogether: number): Promise<CoOccurrence[]> {
    const skus = held.slice(0, MAX_ANTECEDENTS);
    if (skus.length === 0) return [];
    const holders = (await this.dataSource.query(
      `SELECT sku, COUNT(DISTINCT account_id) AS n FROM asset WHERE status = 'active' AND sku IN (?) AND account_id <> ? GROUP BY sku`,
      [skus, accountId],
    )) as { sku: string; n: number | string }[];
    const holdersOf = new Map(holders.map((h) => [h.sku, Number(h.n)]));
    const rows = (await this.dataSource.query(
      `SELECT a.sku AS antecedent, b.sku, MAX(b.name) AS name, MAX(b.product_id) AS product_id, COUNT(DISTINCT b.account_id) AS together
       FROM asset a JOIN asset b ON b.account_id = a.account_id AND b.status = 'active' AND b.sku <> a.sku
       WHERE a.status = 'active' AND a.sku IN (?) AND a.account_id <> ?
       GROUP BY a.sku, b.sku HAVING together >= ?`,
      [skus, accountId, minTogether],
    )) as (ProductRow & { antecedent: string; together: number | string })[];
    return rows.map((r) => ({
      antecedent: r.antecedent,
      holders: holdersOf.get(r.antecedent) ?? 0,
      together: Number(r.together),
      product: product(r),
    }));
  }

  /**
   * The account's cases since `since`, by category. Until the case feature's table exists in this
   * database (it is built beside this one), there is no case history: an absent table counts as none.
   */
  async caseCounts(accountId: string, since: Date): Promise<Record<string, number>> {
    try {
      const rows = (await this.dataSource.query(
        'SELECT category, COUNT(*) AS n FROM service_case WHERE account_id = ? AND created_at >= ? GROUP BY category',
        [accountId, since],
      )) as { category: string; n: number | string }[];
      return Object.fromEntries(rows.map((r) => [r.category, Number(r.n)]));
    } catch (error) {
      if ((error as { errno?: number }).errno !== ER_NO_SUCH_TABLE) throw error;
      this.log.warn('service_case does not exist: recommendations use no case history');
      return {};
    }
  }

  /**
   * Accounts of the same segment and industry division (the code's first three characters, `I65`;
   * a bare section letter matches its section) holding at least one active asset, and how many of
   * them hold each sku. Null when the account's industry is unknown.
   */
  async peers(accountId: string, minHolders: number): Promise<PeerHoldings | null> {
    const profile = (await this.dataSource.query('SELECT industry_code, segment FROM recommendation_account_profile WHERE account_id = ?', [
      accountId,
    ])) as { industry_code: string | null; segment: string }[];
    const me = profile[0];
    if (!me?.industry_code) return null;
    const industry = me.industry_code.slice(0, 3);
    const like = `${industry}%`;
    const count = (await this.dataSource.query(
      `SELECT COUNT(DISTINCT p.account_id) AS n FROM recommendation_account_profile p
       JOIN asset a ON a.account_id = p.account_id AND a.status = 'active'
       WHERE p.segment = ? AND p.industry_code LIKE ? AND p.account_id <> ?`,
      [me.segment, like, accountId],
    )) as { n: number | string }[];
    const rows = (await this.dataSource.query(
      `SELECT a.sku, MAX(a.name) AS name, MAX(a.product_id) AS product_id, COUNT(DISTINCT a.account_id) AS holders
       FROM recommendation_account_profile p JOIN asset a ON a.account_id = p.account_id AND a.status = 'active'
       WHERE p.segment = ? AND p.industry_code LIKE ? AND p.account_id <> ?
       GROUP BY a.sku HAVING holders >= ?`,
      [me.segment, like, accountId, minHolders],
    )) as (ProductRow & { holders: number | string })[];
    return {
      industry,
      segment: me.segment,
      peers: Number(count[0]?.n ?? 0),
      holdings: rows.map((r) => ({ product: product(r), holders: Number(r.holders) })),
    };
  }

  /** Names and product ids of these skus as any account's assets carry them. */
  async known(skus: readonly string[]): Promise<Map<string, Product>> {
    if (skus.length === 0) return new Map();
    const rows = (await this.dataSource.query(
      'SELECT sku, MAX(name) AS name, MAX(product_id) AS product_id FROM asset WHERE sku IN (?) GROUP BY sku',
      [skus],
    )) as ProductRow[];
    return new Map(rows.map((r) => [r.sku, product(r)]));
  }
}
