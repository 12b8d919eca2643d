// The suite's half of the `[ui]` protocol: asks run-e2e.js to act on the workbench page with Playwright.
//
// A request is one console line `[ui] {"id": …, "cmd": …}`; the launcher performs it and writes
// `<SOCGUARD_E2E_UI_DIR>/<id>.json` (`{ ok: true, …result }` or `{ ok: false, error }`), which
// this module polls for. See test/e2e/README.md.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

/** One request to the launcher; `timeoutMs` bounds the Playwright action (default 10 s). */
export type UiCommand =
  | { cmd: 'screenshot'; name: string }
  | { cmd: 'click'; selector: string; button?: 'left' | 'right' | 'middle'; clickCount?: number; timeoutMs?: number }
  | { cmd: 'hover'; selector: string; timeoutMs?: number }
  | { cmd: 'press'; keys: string }
  | { cmd: 'type'; text: string; delayMs?: number }
  | { cmd: 'waitFor'; selector: string; state?: 'attached' | 'detached' | 'visible' | 'hidden'; timeoutMs?: number }
  | { cmd: 'text'; selector: string }
  | { cmd: 'value'; selector: string; timeoutMs?: number };

/** What the launcher wrote back for a successful command. */
export interface UiReply {
  ok: true;
  path?: string;
  texts?: string[];
  value?: string;
}

let sequence = 0;

/** True when a launcher that drives the page is listening (run-e2e.js); false under test-electron. */
export function isUiDriven(): boolean {
  return vscode.env.uiKind === vscode.UIKind.Web;
}

/** Sends one command and waits for its reply; throws when the launcher reports an error or does not answer. */
export async function ui(command: UiCommand, replyTimeoutMs = 30_000): Promise<UiReply> {
  const dir = process.env.SOCGUARD_E2E_UI_DIR;
  if (!dir) throw new Error('no [ui] launcher: SOCGUARD_E2E_UI_DIR is not set (run the suite with test/e2e/run-e2e.js)');
  const id = `${process.pid}-${++sequence}`;
  const replyFile = path.join(dir, `${id}.json`);
  console.log(`[ui] ${JSON.stringify({ id, ...command })}`);
  const deadline = Date.now() + replyTimeoutMs;
  while (!fs.existsSync(replyFile)) {
    if (Date.now() > deadline) throw new Error(`[ui] ${command.cmd}: no reply within ${replyTimeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const reply = JSON.parse(fs.readFileSync(replyFile, 'utf8')) as UiReply | { ok: false; error: string };
  fs.rmSync(replyFile, { force: true });
  if (!reply.ok) throw new Error(`[ui] ${command.cmd} failed: ${reply.error}`);
  return reply;
}
