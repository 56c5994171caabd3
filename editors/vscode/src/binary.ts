// Finding the sqlsage binary. This module does not import vscode, so the
// tests run it under plain Node.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** Where the README explains how to install sqlsage. */
export const INSTALL_URL = 'https://github.com/sqlsage/sqlsage#install';

/** Where to look for the binary. */
export interface Lookup {
  /** The sqlsage.path setting; empty or undefined means "search PATH". */
  setting?: string;
  /** The first workspace folder, against which a relative setting is resolved. */
  workspaceFolder?: string;
  /** The environment whose PATH (and, on Windows, PATHEXT) is searched. */
  env?: NodeJS.ProcessEnv;
  /** The platform, for the executable suffixes and PATH's separator. */
  platform?: NodeJS.Platform;
}

/** The binary found, or why there is none. */
export type Found =
  | { ok: true; path: string; from: 'setting' | 'PATH' }
  | { ok: false; message: string };

/**
 * findSqlsage returns the binary named by the sqlsage.path setting when it
 * is set (a leading ~ is the home folder, a relative path is taken from the
 * workspace folder), and otherwise the first executable `sqlsage` on PATH.
 * When there is none, the message says where it looked.
 */
export function findSqlsage(lookup: Lookup = {}): Found {
  const env = lookup.env ?? process.env;
  const platform = lookup.platform ?? process.platform;
  const setting = (lookup.setting ?? '').trim();

  if (setting !== '') {
    const file = resolveSetting(setting, lookup.workspaceFolder);
    if (isExecutable(file, platform)) {
      return { ok: true, path: file, from: 'setting' };
    }
    const why = fs.existsSync(file) ? 'is not an executable file' : 'does not exist';
    return { ok: false, message: `The sqlsage.path setting names ${file}, which ${why}.` };
  }

  const dirs = pathDirs(env, platform);
  for (const dir of dirs) {
    for (const name of exeNames(env, platform)) {
      const file = path.join(dir, name);
      if (isExecutable(file, platform)) {
        return { ok: true, path: file, from: 'PATH' };
      }
    }
  }
  return {
    ok: false,
    message: 'The sqlsage binary was not found on PATH, and the sqlsage.path setting is empty.',
  };
}

/** resolveSetting expands ~ and makes a relative setting absolute. */
export function resolveSetting(setting: string, workspaceFolder?: string): string {
  let p = setting;
  if (p === '~' || p.startsWith('~/') || p.startsWith('~\\')) {
    p = path.join(os.homedir(), p.slice(1));
  }
  if (!path.isAbsolute(p) && workspaceFolder) {
    p = path.join(workspaceFolder, p);
  }
  return path.resolve(p);
}

function pathDirs(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string[] {
  // Windows environments spell it Path as often as PATH.
  const key = Object.keys(env).find((k) => (platform === 'win32' ? k.toUpperCase() === 'PATH' : k === 'PATH'));
  const value = key ? env[key] ?? '' : '';
  const sep = platform === 'win32' ? ';' : ':';
  return value
    .split(sep)
    .map((d) => d.replace(/^"(.*)"$/, '$1'))
    .filter((d) => d !== '');
}

function exeNames(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string[] {
  if (platform !== 'win32') {
    return ['sqlsage'];
  }
  const exts = (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';').filter((e) => e !== '');
  return exts.map((e) => 'sqlsage' + e.toLowerCase());
}

function isExecutable(file: string, platform: NodeJS.Platform): boolean {
  try {
    if (!fs.statSync(file).isFile()) {
      return false;
    }
    if (platform !== 'win32') {
      fs.accessSync(file, fs.constants.X_OK);
    }
    return true;
  } catch {
    return false;
  }
}
