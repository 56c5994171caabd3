// The sqlsage extension: it runs `sqlsage serve` as a language server for
// SQL files (language IDs sql and pgsql) through vscode-languageclient, and
// adds three commands: Fix all, Restart server and Show output.
//
// Everything the server does (diagnostics, quick fixes, hover) comes from
// the server; the extension only finds the binary, starts it, passes the
// sqlsage.* settings on and runs the fix-all code action.

import * as vscode from 'vscode';
import {
  DidChangeConfigurationNotification,
  LanguageClient,
  type LanguageClientOptions,
  RevealOutputChannelOn,
  type ServerOptions,
  TransportKind,
} from 'vscode-languageclient/node';

import { findSqlsage, INSTALL_URL } from './binary';
import { serverSettings } from './settings';

/** The code action kind of the server's "apply every safe fix" action. */
export const FIX_ALL_KIND = 'source.fixAll.sqlsage';

/** The language IDs sqlsage serves. */
const LANGUAGES = ['sql', 'pgsql'];

let output: vscode.OutputChannel | undefined;
let client: LanguageClient | undefined;
// Starts and stops run one at a time, in order.
let queue: Promise<void> = Promise.resolve();

export function activate(context: vscode.ExtensionContext): Promise<void> {
  const out = vscode.window.createOutputChannel('sqlsage');
  output = out;
  context.subscriptions.push(
    out,
    vscode.commands.registerCommand('sqlsage.fixAll', fixAll),
    vscode.commands.registerCommand('sqlsage.restart', () => restart()),
    vscode.commands.registerCommand('sqlsage.showOutput', () => out.show(true)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      // The other settings reach the running server through
      // workspace/didChangeConfiguration; a new binary needs a new server.
      if (e.affectsConfiguration('sqlsage.path')) {
        void restart();
      }
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      // The workspace's sqlsage.path was ignored until now.
      if (vscode.workspace.getConfiguration('sqlsage').inspect<string>('path')?.workspaceValue) {
        void restart();
      }
    }),
  );
  return enqueue(start);
}

export function deactivate(): Promise<void> {
  return enqueue(stop);
}

function enqueue(job: () => Promise<void>): Promise<void> {
  queue = queue.then(job, job);
  return queue;
}

/** restart stops the server (if any) and starts it again, finding the binary anew. */
function restart(): Promise<void> {
  return enqueue(async () => {
    await stop();
    await start();
  });
}

/** log writes a line to the sqlsage output. */
function log(line: string): void {
  output?.appendLine(`[${new Date().toISOString()}] ${line}`);
}

/**
 * binaryPath returns the sqlsage.path setting. In an untrusted workspace
 * the workspace's own value is ignored: it would run a program the
 * workspace chose.
 */
function binaryPath(): string {
  const info = vscode.workspace.getConfiguration('sqlsage').inspect<string>('path');
  if (!vscode.workspace.isTrusted) {
    return info?.globalValue ?? '';
  }
  return vscode.workspace.getConfiguration('sqlsage').get<string>('path') ?? '';
}

async function start(): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const workspaceFolder = folder?.scheme === 'file' ? folder.fsPath : undefined;
  const found = findSqlsage({ setting: binaryPath(), workspaceFolder });
  if (!found.ok) {
    log(found.message);
    void showMissingBinary(found.message);
    return;
  }
  log(`starting ${found.path} serve (found ${found.from === 'setting' ? 'through sqlsage.path' : 'on PATH'})`);

  const serverOptions: ServerOptions = {
    command: found.path,
    args: ['serve'],
    transport: TransportKind.stdio,
    options: workspaceFolder ? { cwd: workspaceFolder } : undefined,
  };
  const documentSelector = LANGUAGES.flatMap((language) => [
    { scheme: 'file', language },
    { scheme: 'untitled', language },
  ]);
  const clientOptions: LanguageClientOptions = {
    documentSelector,
    // The client sends workspace/didChangeConfiguration when it starts
    // and whenever a sqlsage.* setting changes; the middleware below
    // decides what it carries.
    synchronize: { configurationSection: 'sqlsage' },
    outputChannel: output,
    traceOutputChannel: output,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    middleware: {
      workspace: {
        // Send {"settings": {"sqlsage": {pgVersion, rules, migrations}}}:
        // only what the server reads, never the client's own settings.
        didChangeConfiguration: async () => {
          const settings = serverSettings(vscode.workspace.getConfiguration('sqlsage'));
          await c.sendNotification(DidChangeConfigurationNotification.type, { settings: { sqlsage: settings } });
        },
      },
    },
  };

  const c = new LanguageClient('sqlsage', 'sqlsage', serverOptions, clientOptions);
  client = c;
  try {
    await c.start();
  } catch (err) {
    log(`the server did not start: ${errorText(err)}`);
    const choice = await vscode.window.showErrorMessage(
      `sqlsage: the language server (${found.path} serve) did not start: ${errorText(err)}`,
      'Show output',
    );
    if (choice === 'Show output') {
      output?.show(true);
    }
  }
}

async function stop(): Promise<void> {
  const c = client;
  client = undefined;
  if (!c) {
    return;
  }
  try {
    await c.dispose(2000);
  } catch (err) {
    log(`stopping the server: ${errorText(err)}`);
  }
}

/** showMissingBinary explains that sqlsage is not installed, with a way out. */
async function showMissingBinary(message: string): Promise<void> {
  const install = 'Install instructions';
  const settings = 'Open settings';
  const choice = await vscode.window.showErrorMessage(
    `sqlsage: ${message} Install sqlsage (a single Go binary) or set sqlsage.path, then run "sqlsage: Restart server".`,
    install,
    settings,
  );
  if (choice === install) {
    await vscode.env.openExternal(vscode.Uri.parse(INSTALL_URL));
  } else if (choice === settings) {
    await vscode.commands.executeCommand('workbench.action.openSettings', 'sqlsage.path');
  }
}

/**
 * fixAll asks the server for its source.fixAll.sqlsage code action on the
 * active editor's document and applies it.
 */
async function fixAll(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || !LANGUAGES.includes(editor.document.languageId)) {
    void vscode.window.showInformationMessage('sqlsage: open a SQL file to fix its problems.');
    return;
  }
  if (!client?.isRunning()) {
    const choice = await vscode.window.showWarningMessage('sqlsage: the language server is not running.', 'Show output');
    if (choice === 'Show output') {
      output?.show(true);
    }
    return;
  }
  const doc = editor.document;
  const version = doc.version;
  const whole = new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length));
  const actions =
    (await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      doc.uri,
      whole,
      FIX_ALL_KIND,
    )) ?? [];
  const action = actions.find((a) => a.kind?.value === FIX_ALL_KIND);
  if (!action) {
    void vscode.window.showInformationMessage('sqlsage: nothing to fix.');
    return;
  }
  if (doc.version !== version) {
    void vscode.window.showWarningMessage('sqlsage: the file changed while the fixes were computed; run Fix all again.');
    return;
  }
  if (action.edit && !(await vscode.workspace.applyEdit(action.edit))) {
    void vscode.window.showErrorMessage('sqlsage: the fixes could not be applied.');
    return;
  }
  if (action.command) {
    await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
  }
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
