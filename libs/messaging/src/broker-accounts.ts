import { execFile, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { amqpAddresses } from '@crm/config';
import { APP_NAMES, type AppName } from '@crm/contracts';

/**
 * RabbitMQ accounts with least privilege (issue 8): each app and each partner its own user, limited
 * to the resources it needs. What broker permissions cannot express (RabbitMQ checks a publish to
 * the default exchange only as `write` on `amq.default`, so whoever may send to one queue by name
 * may send to every queue) is why audit also checks a MAC on every event (docs/design.md).
 *
 * Set up with the local `rabbitmqctl` (`npm start`, the test harness, `cli broker partner`); a
 * remote broker's accounts are the operator's (README, "Broker users").
 */
export interface BrokerPermissions {
  configure: string;
  write: string;
  read: string;
}

export interface BrokerAccount {
  user: string;
  password: string;
  permissions: BrokerPermissions;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function appBrokerUser(ns: string, app: AppName): string {
  return `${ns}-${app}`;
}

export const PARTNER_NAME = /^[a-z0-9][a-z0-9_-]{0,39}$/;

export function partnerBrokerUser(ns: string, partner: string): string {
  return `${ns}-partner-${partner}`;
}

/**
 * An app: everything named `<ns>.*` (its queues, the events and dead-letter exchanges), its own
 * server-named exclusive queues (`amq.gen-*`, cache invalidation), direct reply-to, and the default
 * exchange (replies to `reply_to`, outbound calls such as EOMS's queue).
 */
export function appPermissions(ns: string): BrokerPermissions {
  const own = `${escape(ns)}\\..*`;
  return {
    configure: `^(${own}|amq\\.gen-.*)$`,
    write: `^(${own}|amq\\.gen-.*|amq\\.default)$`,
    read: `^(${own}|amq\\.gen-.*|amq\\.rabbitmq\\.reply-to)$`,
  };
}

/**
 * A partner (e.g. EOMS): send calls to request queues through the default exchange, read replies
 * (direct reply-to or a server-named queue of its own) and, when given, its inbound queue where the
 * CRM's calls to it arrive. No resource named `<ns>.*` may be configured, written or read: in
 * particular it cannot publish to `<ns>.events` or consume the CRM's queues.
 */
export function partnerPermissions(inboundQueue?: string): BrokerPermissions {
  const inbound = inboundQueue ? `|${escape(inboundQueue)}` : '';
  return {
    configure: `^(amq\\.gen-.*${inbound})$`,
    write: `^amq\\.default$`,
    read: `^(amq\\.gen-.*|amq\\.rabbitmq\\.reply-to${inbound})$`,
  };
}

/** 192 random bits, URL-safe (it goes into AMQP URLs as it is). */
export function newBrokerPassword(): string {
  return randomBytes(24).toString('base64url');
}

/** RabbitMQ's `rabbit_password_hashing_sha256`: base64(salt ‖ SHA-256(salt ‖ password)), 32-bit salt. */
export function rabbitPasswordHash(password: string): string {
  const salt = randomBytes(4);
  return Buffer.concat([salt, createHash('sha256').update(salt).update(password, 'utf8').digest()]).toString('base64');
}

/** An AMQP_URL value (one address or a comma-separated list) with `user` and `password` in every address. */
export function withBrokerUser(amqpUrl: string, user: string, password: string): string {
  return amqpAddresses(amqpUrl)
    .map((address) => {
      const u = new URL(address);
      u.username = encodeURIComponent(user);
      u.password = encodeURIComponent(password);
      return u.toString();
    })
    .join(',');
}

/** The vhost of AMQP_URL's addresses (config checks that they agree). */
export function vhostOf(amqpUrls: readonly string[]): string {
  const path = new URL(amqpUrls[0]).pathname;
  return path === '' || path === '/' ? '/' : decodeURIComponent(path.slice(1));
}

/**
 * Why `rabbitmqctl` cannot manage this broker's users, or null when it can: every address must be
 * on this machine. It talks to the local node (`RABBITMQ_NODENAME`, else the default one); users
 * are cluster-wide, so any node of the cluster will do.
 */
export function rabbitmqctlUnavailable(amqpUrls: readonly string[]): string | null {
  const remote = amqpUrls.map((u) => new URL(u).hostname).find((host) => !['127.0.0.1', 'localhost', '::1', '[::1]'].includes(host));
  if (remote !== undefined) return `the broker (${remote}) is not local`;
  if (spawnSync('sh', ['-c', 'command -v rabbitmqctl'], { stdio: 'ignore' }).status !== 0) return 'rabbitmqctl is not installed';
  return null;
}

function rabbitmqctl(args: string[], stdin?: string): Promise<void> {
  return new Promise((resolve, reject) => {
    // env given, not inherited: RABBITMQ_NODENAME (which node of a cluster) as this process sees it (under jest, not the runner's).
    const child = execFile('rabbitmqctl', ['-q', ...args], { timeout: 120_000, env: process.env }, (error, _stdout, stderr) => {
      // stderr may name users, never passwords (only salted hashes are sent).
      if (error) reject(new Error(`rabbitmqctl ${args[0]} failed: ${String(stderr).trim().slice(0, 500) || error.message}`));
      else resolve();
    });
    child.stdin?.end(stdin ?? '');
  });
}

/**
 * Creates or updates the accounts (password and permissions) in one `rabbitmqctl import_definitions`
 * (one start of the Erlang CLI, ~2 s, instead of two per user). Only salted hashes leave the
 * process, through the command's stdin (no file: Debian's rabbitmqctl runs as the rabbitmq user).
 */
export async function provisionBrokerAccounts(amqpUrls: readonly string[], accounts: readonly BrokerAccount[]): Promise<void> {
  const vhost = vhostOf(amqpUrls);
  const definitions = {
    users: accounts.map((a) => ({
      name: a.user,
      password_hash: rabbitPasswordHash(a.password),
      hashing_algorithm: 'rabbit_password_hashing_sha256',
      tags: '',
    })),
    permissions: accounts.map((a) => ({ user: a.user, vhost, ...a.permissions })),
  };
  await rabbitmqctl(['import_definitions', '--format', 'json'], JSON.stringify(definitions));
}

/** Deletes every broker user whose name starts with `prefix` (test namespaces), in one call. */
export async function removeBrokerUsers(prefix: string): Promise<void> {
  if (!/^[A-Za-z0-9_.-]+$/.test(prefix)) throw new Error('unsafe user prefix');
  const p = `<<"${prefix}">>`;
  await rabbitmqctl([
    'eval',
    `[rabbit_auth_backend_internal:delete_user(U, <<"crm">>) || L <- rabbit_auth_backend_internal:list_users(), U <- [proplists:get_value(user, L)], binary:longest_common_prefix([U, ${p}]) =:= byte_size(${p})], ok.`,
  ]);
}

export interface AppBrokerUsers {
  /** Each app's own AMQP_URL value (every address of the given one, with the app's user). */
  urls: Record<AppName, string>;
  users: string[];
  /** Who may publish audit events (AUDIT_TRUSTED_PUBLISHERS): the apps, and the CLI, which keeps the given account. */
  publishers: string[];
}

/**
 * Fresh users `<ns>-<app>` with fresh random passwords (set again at every start, so nothing is
 * stored) for `npm start` and the test harness. `amqpUrl` is AMQP_URL's value (one address or a
 * comma-separated list). Null, after a warning, when the local rabbitmqctl cannot do it: the apps
 * then keep using AMQP_URL's account.
 */
export async function prepareAppBrokerUsers(ns: string, amqpUrl: string, warn: (message: string) => void): Promise<AppBrokerUsers | null> {
  const addresses = amqpAddresses(amqpUrl);
  const why = rabbitmqctlUnavailable(addresses);
  if (why) {
    warn(`broker users not set up (${why}): every app uses AMQP_URL's account; create per-app users as the README's "Broker users" says`);
    return null;
  }
  const accounts = APP_NAMES.map((app) => ({
    app,
    user: appBrokerUser(ns, app),
    password: newBrokerPassword(),
    permissions: appPermissions(ns),
  }));
  await provisionBrokerAccounts(addresses, accounts);
  const urls = Object.fromEntries(accounts.map((a) => [a.app, withBrokerUser(amqpUrl, a.user, a.password)])) as Record<AppName, string>;
  const users = accounts.map((a) => a.user);
  const own = decodeURIComponent(new URL(addresses[0]).username);
  return { urls, users, publishers: [...users, ...(own ? [own] : [])] };
}
