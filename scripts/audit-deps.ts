// `npm run audit-deps`: the production dependencies in package-lock.json checked against a
// maintained advisory source. Honest about where it looked: a check that could not reach its
// advisory source exits 2 and says so; it never reports a pass it did not make.
//
// 1. OSV-Scanner with its offline database, when both are installed (the database is a download
//    made beforehand, see DEPLOYMENT.md). No network at all. Not exercised by the tests: neither
//    the binary nor a database is available where they run.
// 2. Otherwise `npm audit --omit=dev` against the npm registry's advisory endpoint (network).
//
// Exit codes: 0 no known advisory, 1 advisories found (listed), 2 the check could not be made.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export interface AuditOutcome {
  code: 0 | 1 | 2;
  message: string;
}

interface NpmAuditReport {
  vulnerabilities?: Record<string, { severity?: string; via?: unknown[] }>;
  metadata?: { vulnerabilities?: Record<string, number> };
  message?: string;
  error?: unknown;
}

/** What `npm audit --json` printed (and its exit status) means. */
export function interpretNpmAudit(status: number | null, stdout: string): AuditOutcome {
  let report: NpmAuditReport;
  try {
    report = JSON.parse(stdout) as NpmAuditReport;
  } catch {
    return unreachable(`npm audit printed no report (exit ${String(status)})`);
  }
  const counts = report.metadata?.vulnerabilities;
  if (!counts || report.error !== undefined) return unreachable(report.message ?? 'npm audit returned an error');
  const found = Object.entries(report.vulnerabilities ?? {});
  if (found.length === 0) return { code: 0, message: 'npm audit: no known advisory for the production dependencies' };
  const lines = found.map(([name, v]) => `  ${name} (${v.severity ?? 'unknown severity'})`);
  return { code: 1, message: `npm audit: ${found.length} vulnerable production dependencies:\n${lines.join('\n')}` };
}

function unreachable(reason: string): AuditOutcome {
  return {
    code: 2,
    message:
      `audit-deps: the advisory source could not be checked (${reason}).\n` +
      'This is NOT a pass. Run it where the npm registry is reachable, or install OSV-Scanner and its ' +
      'offline database (DEPLOYMENT.md, "Dependency advisories").',
  };
}

/** OSV-Scanner's offline check, when the binary and a downloaded npm database are both there. */
function offlineOsv(): AuditOutcome | null {
  const dbDir = process.env.OSV_SCANNER_LOCAL_DB_CACHE_DIRECTORY;
  if (!dbDir || !existsSync(dbDir)) return null;
  const version = spawnSync('osv-scanner', ['--version'], { encoding: 'utf8' });
  if (version.status !== 0) return null;
  const run = spawnSync('osv-scanner', ['--offline', '--lockfile', 'package-lock.json'], { stdio: 'inherit' });
  if (run.status === 0) return { code: 0, message: 'osv-scanner (offline): no known advisory' };
  if (run.status === 1) return { code: 1, message: 'osv-scanner (offline): advisories found (above)' };
  return unreachable(`osv-scanner exited ${String(run.status)}`);
}

function npmAudit(): AuditOutcome {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const run = spawnSync(npm, ['audit', '--omit=dev', '--json'], { encoding: 'utf8', cwd: process.cwd() });
  if (run.error) return unreachable(run.error.message);
  return interpretNpmAudit(run.status, run.stdout);
}

const isMain = process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].split(/[\\/]/).pop()!);
if (isMain) {
  if (!existsSync(join(process.cwd(), 'package-lock.json'))) {
    console.error('audit-deps: run it from the repository root (no package-lock.json here)');
    process.exit(2);
  }
  const outcome = offlineOsv() ?? npmAudit();
  (outcome.code === 0 ? console.log : console.error)(outcome.message);
  process.exit(outcome.code);
}
