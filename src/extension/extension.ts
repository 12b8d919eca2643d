// VS Code adapter: publishes SOC Guardrails findings as diagnostics (the engine loads lazily on first use).
import * as vscode from 'vscode';
import type * as Core from '../core';
import { createVscodeHost } from './vscode-host';

/** What `activate` returns, for tests and other extensions. */
export interface SocGuardApi {
  /** Checks a document now and returns once its diagnostics are published. */
  checkDocument(document: vscode.TextDocument): Promise<void>;
}

const LANGUAGE_IDS = new Set(['python', 'powershell', 'kql']);
let core: Promise<typeof Core> | undefined;

/** Loads the engine on first use so activation stays cheap. */
function loadCore(): Promise<typeof Core> {
  core ??= import('../core');
  return core;
}

/** Activates the extension: diagnostics on open and save for Python, PowerShell and KQL documents. */
export function activate(context: vscode.ExtensionContext): SocGuardApi {
  const log = vscode.window.createOutputChannel('SOC Guardrails', { log: true });
  const diagnostics = vscode.languages.createDiagnosticCollection('socguard');
  const host = createVscodeHost(context.extensionUri, log);
  const checkers = new Map<string, Core.Checker>();
  context.subscriptions.push(log, diagnostics);

  const checkDocument = async (document: vscode.TextDocument): Promise<void> => {
    if (document.uri.scheme !== 'file' || !LANGUAGE_IDS.has(document.languageId)) return;
    try {
      const api = await loadCore();
      const folder = vscode.workspace.getWorkspaceFolder(document.uri);
      const root = api.paths.normalizePath((folder?.uri ?? vscode.Uri.joinPath(document.uri, '..')).fsPath.split('\\').join('/'));
      let checker = checkers.get(root);
      if (!checker) {
        checker = new api.Checker(host, { root });
        checkers.set(root, checker);
      }
      const absolutePath = document.uri.fsPath.split('\\').join('/');
      const language = api.languageForPath(absolutePath);
      if (!language) return;
      const loaded = await checker.policyFor(absolutePath);
      if (!loaded.resolved) {
        log.warn(`policy problems: ${loaded.problems.map((p) => p.message).join('; ')}`);
        return;
      }
      const result = await checker.checkText(absolutePath, document.getText(), language, loaded.resolved);
      diagnostics.set(
        document.uri,
        result.findings.filter((finding) => !finding.suppression).map((finding) => toDiagnostic(finding)),
      );
    } catch (error) {
      log.error(`checking ${document.uri.toString()} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  };

  const schedule = (document: vscode.TextDocument): void => {
    void checkDocument(document);
  };
  context.subscriptions.push(
    vscode.workspace.onDidOpenTextDocument(schedule),
    vscode.workspace.onDidSaveTextDocument(schedule),
    vscode.workspace.onDidCloseTextDocument((document) => diagnostics.delete(document.uri)),
  );
  for (const document of vscode.workspace.textDocuments) schedule(document);
  return { checkDocument };
}

function toDiagnostic(finding: Core.Finding): vscode.Diagnostic {
  const range = new vscode.Range(finding.span.startLine - 1, finding.span.startColumn - 1, finding.span.endLine - 1, finding.span.endColumn - 1);
  const severity =
    finding.severity === 'error' ? vscode.DiagnosticSeverity.Error : finding.severity === 'warning' ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Information;
  const diagnostic = new vscode.Diagnostic(range, finding.message, severity);
  diagnostic.source = 'socguard';
  diagnostic.code = finding.ruleId;
  return diagnostic;
}

/** Nothing to release beyond the subscriptions VS Code disposes. */
export function deactivate(): void {
  // Subscriptions are disposed by VS Code.
}
