// The settings the server receives. This module does not import vscode, so
// the tests run it under plain Node.

/** A rule's severity, as in the [rules] table of .sqlsage.toml. */
export type Severity = 'off' | 'hint' | 'info' | 'warning' | 'error';

export const SEVERITIES: readonly Severity[] = ['off', 'hint', 'info', 'warning', 'error'];

/**
 * ServerSettings is the value of "sqlsage" in the settings of
 * workspace/didChangeConfiguration: {"settings": {"sqlsage": ServerSettings}}.
 * An unset pgVersion is left out, so that .sqlsage.toml or the server's
 * default applies.
 */
export interface ServerSettings {
  pgVersion?: number;
  rules: Record<string, Severity>;
  migrations: string[];
}

/** The part of vscode.WorkspaceConfiguration that serverSettings reads. */
export interface ConfigurationReader {
  get<T>(section: string): T | undefined;
}

/**
 * serverSettings reads the "sqlsage" configuration section and keeps what
 * the server understands: a positive whole pgVersion, rules whose severity
 * is one of SEVERITIES, and migration folders that are non-empty strings.
 * The client-only settings (path, trace.server) are not sent.
 */
export function serverSettings(config: ConfigurationReader): ServerSettings {
  const out: ServerSettings = { rules: {}, migrations: [] };

  const pg = config.get<unknown>('pgVersion');
  if (typeof pg === 'number' && Number.isInteger(pg) && pg > 0) {
    out.pgVersion = pg;
  }

  const rules = config.get<unknown>('rules');
  if (rules !== null && typeof rules === 'object' && !Array.isArray(rules)) {
    for (const [id, sev] of Object.entries(rules as Record<string, unknown>)) {
      if (typeof sev === 'string' && (SEVERITIES as readonly string[]).includes(sev)) {
        out.rules[id] = sev as Severity;
      }
    }
  }

  const migrations = config.get<unknown>('migrations');
  if (Array.isArray(migrations)) {
    out.migrations = migrations.filter((m): m is string => typeof m === 'string' && m.trim() !== '');
  }
  return out;
}
