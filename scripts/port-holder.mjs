// Who holds a TCP port: `npm start` names the process (and the `npm start` it belongs to) instead of
// starting a second set of apps that die on EADDRINUSE. Linux /proc only; elsewhere it says less.
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { createServer } from 'node:net';

/** True when nothing listens on `port` (tried the way the apps listen: every interface). */
export function portFree(port) {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen({ port }, () => s.close(() => resolve(true)));
  });
}

function listeningInodes(port) {
  const inodes = new Set();
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      // local_address is HEXIP:HEXPORT; state 0A is LISTEN; field 9 is the socket's inode.
      if (f.length > 9 && f[3] === '0A' && parseInt(f[1].split(':')[1], 16) === port) inodes.add(f[9]);
    }
  }
  return inodes;
}

function commandOf(pid) {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
  } catch {
    return '?';
  }
}

function parentOf(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return 0;
  }
}

function namespaceOf(pid) {
  try {
    const env = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
    return env.find((e) => e.startsWith('CRM_NAMESPACE='))?.slice('CRM_NAMESPACE='.length) || null;
  } catch {
    return null;
  }
}

/**
 * The process listening on `port`: `{pid, command, namespace, supervisor}` where `supervisor` is the
 * `npm start` (scripts/start.mjs) it runs under, if any; null when it cannot be found (not Linux,
 * or a process of another user).
 */
export function portHolder(port) {
  const inodes = listeningInodes(port);
  if (inodes.size === 0) return null;
  let pids;
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return null;
  }
  for (const pid of pids) {
    let fds;
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      let target;
      try {
        target = readlinkSync(`/proc/${pid}/fd/${fd}`);
      } catch {
        continue;
      }
      const m = /^socket:\[(\d+)\]$/.exec(target);
      if (!m || !inodes.has(m[1])) continue;
      let supervisor = null;
      for (let p = parentOf(Number(pid)), depth = 0; p > 1 && depth < 4; p = parentOf(p), depth++) {
        const command = commandOf(p);
        if (command.includes('scripts/start.mjs')) {
          supervisor = { pid: p, command };
          break;
        }
      }
      return { pid: Number(pid), command: commandOf(pid), namespace: namespaceOf(pid), supervisor };
    }
  }
  return null;
}
