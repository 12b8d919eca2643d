// Smoke test: the extension loads in a real VS Code, and a fixture Python file opens in an editor.
import * as assert from 'node:assert/strict';
import { suite, test } from 'mocha';
import * as vscode from 'vscode';
import { isUiDriven, ui } from './ui';

const EXTENSION_ID = 'soc-guardrails.socguard';

function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the fixture workspace is open');
  return vscode.Uri.joinPath(folder.uri, name);
}

suite('smoke', () => {
  test('the extension activates', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is installed in the extension host`);
    await extension.activate();
    assert.equal(extension.isActive, true);
  });

  test('a Python file from the workspace opens in an editor', async () => {
    const uri = workspaceFile('triage.py');
    const document = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(document);
    assert.equal(document.languageId, 'python');
    assert.match(document.getText(), /def severity_of\(/);
    assert.equal(editor.document.uri.toString(), uri.toString());
    assert.ok(vscode.window.visibleTextEditors.some((visible) => visible.document.uri.toString() === uri.toString()), 'triage.py is visible');
  });

  test('the launcher drives the page: keys, typing, reading, clicking, screenshots', async function () {
    if (!isUiDriven()) this.skip();
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(workspaceFile('triage.py')));
    await ui({ cmd: 'click', selector: '.tabs-container .tab.active' });
    await ui({ cmd: 'press', keys: 'F1' });
    await ui({ cmd: 'waitFor', selector: '.quick-input-widget input' });
    await ui({ cmd: 'type', text: 'soc guardrails e2e' });
    const { value } = await ui({ cmd: 'value', selector: '.quick-input-widget input' });
    assert.equal(value, '>soc guardrails e2e');
    const { path } = await ui({ cmd: 'screenshot', name: 'smoke-command-palette' });
    assert.ok(path?.endsWith('smoke-command-palette.png'));
    await ui({ cmd: 'press', keys: 'Escape' });
    await ui({ cmd: 'waitFor', selector: '.quick-input-widget', state: 'hidden' });
    const { texts } = await ui({ cmd: 'text', selector: '.tabs-container .tab.active' });
    // The tab label renders name and extension in separate elements, hence the whitespace.
    assert.ok(texts?.some((text) => text.replace(/\s+/g, '') === 'triage.py'), `active tab is triage.py, got ${JSON.stringify(texts)}`);
  });
});
