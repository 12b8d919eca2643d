// Table tests for the Python analyzer: imports, functions, calls, strings, comments, syntax errors, positions.
import * as assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Analyzer } from '../../src/core/analyzers/analyzer';
import { loadPythonAnalyzer } from '../../src/core/analyzers/python';
import { isPythonStdlib, PYTHON_STDLIB_BY_VERSION, PYTHON_STDLIB_MODULES, PYTHON_VERSIONS } from '../../src/core/analyzers/python-stdlib';
import type { ImportRef, ScriptModel, Span } from '../../src/core/model';
import { testHost } from '../helpers';

let analyzer: Analyzer;

before(async () => {
  analyzer = await loadPythonAnalyzer(testHost());
});

/** The text a span covers, read the way an editor reads the file (BOM dropped; `\r\n`, `\r`, `\n` end lines). */
function textAt(source: string, span: Span): string {
  const lines = (source.startsWith('\uFEFF') ? source.slice(1) : source).split(/\r\n|\r|\n/);
  const line = (n: number): string => {
    const value = lines[n - 1];
    assert.ok(value !== undefined, `line ${n} is outside the document (${lines.length} lines)`);
    return value;
  };
  if (span.startLine === span.endLine) return line(span.startLine).slice(span.startColumn - 1, span.endColumn - 1);
  const parts = [line(span.startLine).slice(span.startColumn - 1)];
  for (let n = span.startLine + 1; n < span.endLine; n++) parts.push(line(n));
  parts.push(line(span.endLine).slice(0, span.endColumn - 1));
  return parts.join('\n');
}

/** A compact view of an import for table assertions. */
interface ImportView {
  module: string;
  kind: ImportRef['kind'];
  level?: number;
  alias?: string;
  text: string;
  names?: string[];
  nested?: boolean;
  typeChecking?: boolean;
}

function importView(source: string, ref: ImportRef): Required<Pick<ImportView, 'module' | 'kind' | 'level' | 'text' | 'names' | 'nested' | 'typeChecking'>> & { alias?: string } {
  const view = {
    module: ref.module,
    kind: ref.kind,
    level: ref.level,
    text: textAt(source, ref.span),
    names: ref.names.map((name) => `${textAt(source, name.span)}${name.alias === undefined ? '' : ` as ${name.alias}`}`),
    nested: ref.isNested === true,
    typeChecking: ref.isTypeCheckingOnly === true,
  };
  return ref.alias === undefined ? view : { ...view, alias: ref.alias };
}

function analyze(source: string): ScriptModel {
  return analyzer.analyze(source);
}

/** Asserts that every span of the model lies inside the document. */
function assertSpansInside(source: string, model: ScriptModel): void {
  const lines = (source.startsWith('\uFEFF') ? source.slice(1) : source).split(/\r\n|\r|\n/);
  const spans: Span[] = [
    ...model.imports.flatMap((ref) => [ref.span, ...ref.names.map((name) => name.span)]),
    ...model.functions.flatMap((fn) => [fn.span, fn.nameSpan]),
    ...model.calls.flatMap((call) => [call.span, call.calleeSpan, ...call.arguments.map((arg) => arg.span)]),
    ...model.strings.map((literal) => literal.span),
    ...model.comments.map((comment) => comment.span),
    ...model.syntaxErrors.map((problem) => problem.span),
  ];
  assert.equal(model.lineCount, lines.length);
  for (const span of spans) {
    for (const [line, column] of [
      [span.startLine, span.startColumn],
      [span.endLine, span.endColumn],
    ] as const) {
      assert.ok(line >= 1 && line <= lines.length, `line ${line} outside 1..${lines.length}`);
      assert.ok(column >= 1 && column <= (lines[line - 1]?.length ?? 0) + 1, `column ${column} outside line ${line}`);
    }
  }
}

describe('python analyzer: imports', () => {
  const rows: { title: string; source: string; expect: ImportView[] }[] = [
    {
      title: '`import a.b as c` binds c; the span is the dotted name',
      source: 'import a.b as c\n',
      expect: [{ module: 'a.b', kind: 'import', alias: 'c', text: 'a.b' }],
    },
    {
      title: '`import a.b` binds a',
      source: 'import a.b\n',
      expect: [{ module: 'a.b', kind: 'import', alias: 'a', text: 'a.b' }],
    },
    {
      title: 'one reference per module in `import a, b`',
      source: 'import os, sys as system\n',
      expect: [
        { module: 'os', kind: 'import', alias: 'os', text: 'os' },
        { module: 'sys', kind: 'import', alias: 'system', text: 'sys' },
      ],
    },
    {
      title: 'whitespace inside a dotted name',
      source: 'import os . path\n',
      expect: [{ module: 'os.path', kind: 'import', alias: 'os', text: 'os . path' }],
    },
    {
      title: '`from a.b import c as d, e`',
      source: 'from a.b import c as d, e\n',
      expect: [{ module: 'a.b', kind: 'from', text: 'a.b', names: ['c as d', 'e'] }],
    },
    {
      title: 'parenthesized names over several lines, trailing comma and comments',
      source: 'from pkg.sub import (  # why\n    one,\n    two as deux,  # alias\n)\n',
      expect: [{ module: 'pkg.sub', kind: 'from', text: 'pkg.sub', names: ['one', 'two as deux'] }],
    },
    {
      title: 'star import',
      source: 'from msticpy.nbtools import *\n',
      expect: [{ module: 'msticpy.nbtools', kind: 'from', text: 'msticpy.nbtools', names: ['*'] }],
    },
    {
      title: '`from . import x`: level 1, empty module, the span is the dot',
      source: 'from . import x\n',
      expect: [{ module: '', kind: 'from', level: 1, text: '.', names: ['x'] }],
    },
    {
      title: '`from ..pkg import y`: level 2, the span is the name after the dots',
      source: 'from ..pkg import y\n',
      expect: [{ module: 'pkg', kind: 'from', level: 2, text: 'pkg', names: ['y'] }],
    },
    {
      title: '`from ... import z` and `from . . mod import w`',
      source: 'from ... import z\nfrom . . mod import w\n',
      expect: [
        { module: '', kind: 'from', level: 3, text: '...', names: ['z'] },
        { module: 'mod', kind: 'from', level: 2, text: 'mod', names: ['w'] },
      ],
    },
    {
      title: '`from __future__ import annotations`',
      source: '"""Doc."""\nfrom __future__ import annotations, division\n',
      expect: [{ module: '__future__', kind: 'from', text: '__future__', names: ['annotations', 'division'] }],
    },
    {
      title: 'try/except ImportError fallbacks are both imports, neither nested',
      source: 'try:\n    import ujson as json\nexcept ImportError:\n    import json\n',
      expect: [
        { module: 'ujson', kind: 'import', alias: 'json', text: 'ujson' },
        { module: 'json', kind: 'import', alias: 'json', text: 'json' },
      ],
    },
    {
      title: 'imports in functions and methods are nested; in a class body they are not',
      source: [
        'def run():',
        '    import requests',
        '    if True:',
        '        from yaml import safe_load',
        'class Hunt:',
        '    import re',
        '    def go(self):',
        '        import scapy.all as scapy',
        '',
      ].join('\n'),
      expect: [
        { module: 'requests', kind: 'import', alias: 'requests', text: 'requests', nested: true },
        { module: 'yaml', kind: 'from', text: 'yaml', names: ['safe_load'], nested: true },
        { module: 're', kind: 'import', alias: 're', text: 're' },
        { module: 'scapy.all', kind: 'import', alias: 'scapy', text: 'scapy.all', nested: true },
      ],
    },
    {
      title: '`if TYPE_CHECKING:` and `if typing.TYPE_CHECKING:` mark only their own branch',
      source: [
        'import typing',
        'from typing import TYPE_CHECKING',
        'if TYPE_CHECKING:',
        '    from pandas import DataFrame',
        '    try:',
        '        import numpy as np',
        '    except ImportError:',
        '        pass',
        'else:',
        '    import json',
        'if typing.TYPE_CHECKING:',
        '    import azure.identity',
        '',
      ].join('\n'),
      expect: [
        { module: 'typing', kind: 'import', alias: 'typing', text: 'typing' },
        { module: 'typing', kind: 'from', text: 'typing', names: ['TYPE_CHECKING'] },
        { module: 'pandas', kind: 'from', text: 'pandas', names: ['DataFrame'], typeChecking: true },
        { module: 'numpy', kind: 'import', alias: 'np', text: 'numpy', typeChecking: true },
        { module: 'json', kind: 'import', alias: 'json', text: 'json' },
        { module: 'azure.identity', kind: 'import', alias: 'azure', text: 'azure.identity', typeChecking: true },
      ],
    },
    {
      title: 'dynamic imports with literal strings; the span is inside the quotes',
      source: [
        'import importlib',
        'from importlib import import_module',
        'import importlib as il',
        'mod = importlib.import_module("pkg.tools")',
        "import_module('yaml')",
        '__import__("os").system("id")',
        'il.import_module(".sub", package="pkg")',
        'importlib.import_module(name)',
        '__import__(f"{name}")',
        'def later():',
        '    return importlib.import_module(name="scapy")',
        '',
      ].join('\n'),
      expect: [
        { module: 'importlib', kind: 'import', alias: 'importlib', text: 'importlib' },
        { module: 'importlib', kind: 'from', text: 'importlib', names: ['import_module'] },
        { module: 'importlib', kind: 'import', alias: 'il', text: 'importlib' },
        { module: 'pkg.tools', kind: 'dynamic', alias: 'mod', text: 'pkg.tools' },
        { module: 'yaml', kind: 'dynamic', text: 'yaml' },
        { module: 'os', kind: 'dynamic', text: 'os' },
        { module: 'sub', kind: 'dynamic', level: 1, text: '.sub' },
        { module: 'scapy', kind: 'dynamic', text: 'scapy', nested: true },
      ],
    },
    {
      title: 'no dynamic import without the importer: a bare `import_module` is someone else’s function',
      source: 'from mylib import import_module\nimport_module("x")\ndef f(__import__):\n    __import__("y")\n',
      expect: [{ module: 'mylib', kind: 'from', text: 'mylib', names: ['import_module'] }],
    },
  ];
  for (const row of rows) {
    it(row.title, () => {
      const model = analyze(row.source);
      const expected = row.expect.map((view) => {
        const full = { module: view.module, kind: view.kind, level: view.level ?? 0, text: view.text, names: view.names ?? [], nested: view.nested ?? false, typeChecking: view.typeChecking ?? false };
        return view.alias === undefined ? full : { ...full, alias: view.alias };
      });
      assert.deepEqual(
        model.imports.map((ref) => importView(row.source, ref)),
        expected,
      );
      assert.deepEqual(model.syntaxErrors, []);
      assertSpansInside(row.source, model);
    });
  }
});

describe('python analyzer: functions', () => {
  it('qualifies methods and nested functions and spans decorators', () => {
    const source = [
      'import functools',
      '@functools.lru_cache(maxsize=None)',
      'def enrich(ip):',
      '    def inner():',
      '        pass',
      '    return inner',
      'class Hunter(Base):',
      '    @property',
      '    def name(self): return "x"',
      '    async def run(self):',
      '        def helper(): ...',
      '    class Inner:',
      '        def deep(self): pass',
      'async def main(): pass',
      '',
    ].join('\n');
    const model = analyze(source);
    assert.deepEqual(
      model.functions.map((fn) => ({
        q: fn.qualifiedName,
        name: textAt(source, fn.nameSpan),
        kind: fn.kind,
        cls: fn.className,
        nested: fn.isNested,
        first: textAt(source, fn.span).split('\n')[0],
      })),
      [
        { q: 'enrich', name: 'enrich', kind: 'function', cls: undefined, nested: false, first: '@functools.lru_cache(maxsize=None)' },
        { q: 'enrich.inner', name: 'inner', kind: 'function', cls: undefined, nested: true, first: 'def inner():' },
        { q: 'Hunter.name', name: 'name', kind: 'method', cls: 'Hunter', nested: false, first: '@property' },
        { q: 'Hunter.run', name: 'run', kind: 'method', cls: 'Hunter', nested: false, first: 'async def run(self):' },
        { q: 'Hunter.run.helper', name: 'helper', kind: 'function', cls: undefined, nested: true, first: 'def helper(): ...' },
        { q: 'Hunter.Inner.deep', name: 'deep', kind: 'method', cls: 'Inner', nested: false, first: 'def deep(self): pass' },
        { q: 'main', name: 'main', kind: 'function', cls: undefined, nested: false, first: 'async def main(): pass' },
      ],
    );
    const enrich = model.functions[0];
    assert.ok(enrich);
    assert.equal(textAt(source, enrich.span), '@functools.lru_cache(maxsize=None)\ndef enrich(ip):\n    def inner():\n        pass\n    return inner');
  });

  it('a class inside a function makes its methods nested', () => {
    const model = analyze('def factory():\n    class Local:\n        def m(self):\n            pass\n    return Local\n');
    assert.deepEqual(
      model.functions.map((fn) => [fn.qualifiedName, fn.kind, fn.isNested]),
      [
        ['factory', 'function', false],
        ['factory.Local.m', 'method', true],
      ],
    );
  });
});

describe('python analyzer: calls', () => {
  const rows: { title: string; source: string; expect: [callee: string, written: string][] }[] = [
    { title: 'module alias', source: 'import subprocess as sp\nsp.run("ls")\n', expect: [['subprocess.run', 'sp.run']] },
    { title: 'from-import alias', source: 'from os import system as s\ns("id")\n', expect: [['os.system', 's']] },
    { title: 'from-import name', source: 'from yaml import load\nload(f)\n', expect: [['yaml.load', 'load']] },
    { title: 'builtins stay', source: 'eval(x)\nexec(code)\n', expect: [['eval', 'eval'], ['exec', 'exec']] },
    { title: 'dotted import', source: 'import os.path\nos.path.join(a, b)\n', expect: [['os.path.join', 'os.path.join']] },
    { title: 'aliased dotted import', source: 'import os.path as osp\nosp.join(a)\n', expect: [['os.path.join', 'osp.join']] },
    {
      title: 'unknown objects keep the written dotted text',
      source: 'class A:\n    def m(self):\n        self.foo()\n        self . bar . baz()\n',
      expect: [['self.foo', 'self.foo'], ['self.bar.baz', 'self.bar.baz']],
    },
    {
      title: 'a parameter shadows an import',
      source: 'import subprocess as sp\ndef f(sp, *args, key=1, **kw):\n    sp.run()\n    args.pop()\nsp.call()\n',
      expect: [['sp.run', 'sp.run'], ['args.pop', 'args.pop'], ['subprocess.call', 'sp.call']],
    },
    {
      title: 'a lambda parameter shadows an import',
      source: 'import subprocess as sp\nf = lambda sp: sp.run()\n',
      expect: [['sp.run', 'sp.run']],
    },
    {
      title: 'function-local imports bind only inside the function, wherever they are in it',
      source: 'def a():\n    r.get(u)\n    import requests as r\ndef b():\n    r.get(u)\n',
      expect: [['requests.get', 'r.get'], ['r.get', 'r.get']],
    },
    {
      title: 'module imports after a function body still resolve inside it',
      source: 'def f():\n    return sp.run(["id"])\nimport subprocess as sp\n',
      expect: [['subprocess.run', 'sp.run']],
    },
    {
      title: 'class-level imports are not visible in methods',
      source: 'class K:\n    import json as j\n    j.dumps(1)\n    def m(self):\n        j.dumps(2)\n',
      expect: [['json.dumps', 'j.dumps'], ['j.dumps', 'j.dumps']],
    },
    {
      title: 'relative imports resolve with their dots',
      source: 'from .utils import helper\nfrom .. import common\nhelper()\ncommon.run()\n',
      expect: [['.utils.helper', 'helper'], ['..common.run', 'common.run']],
    },
    {
      title: 'calls on call results and subscripts',
      source: 'import requests\nrequests.Session().get(url)\nhandlers[0](event)\n',
      expect: [
        ['requests.Session().get', 'requests.Session().get'],
        ['requests.Session', 'requests.Session'],
        ['handlers[]', 'handlers[0]'],
      ],
    },
    {
      title: '`__import__("os").system` resolves to os.system; assigned dynamic imports bind',
      source: '__import__("os").system("id")\nimport importlib\ny = importlib.import_module("yaml")\ny.load(data)\n',
      expect: [
        ['os.system', '__import__("os").system'],
        ['__import__', '__import__'],
        ['importlib.import_module', 'importlib.import_module'],
        ['yaml.load', 'y.load'],
      ],
    },
    {
      title: 'decorators and nested calls are calls too, outer first',
      source: 'from flask import Flask\napp = Flask(__name__)\n@app.route("/x")\ndef x():\n    print(str(len(x)))\n',
      expect: [
        ['flask.Flask', 'Flask'],
        ['app.route', 'app.route'],
        ['print', 'print'],
        ['str', 'str'],
        ['len', 'len'],
      ],
    },
  ];
  for (const row of rows) {
    it(row.title, () => {
      const model = analyze(row.source);
      assert.deepEqual(
        model.calls.map((call) => [call.callee, call.written]),
        row.expect,
      );
      for (const call of model.calls) {
        assert.ok(textAt(row.source, call.span).startsWith(textAt(row.source, call.calleeSpan)));
        assert.ok(textAt(row.source, call.span).endsWith(')'));
      }
    });
  }

  it('extracts positional and keyword arguments with literal values', () => {
    const source = [
      'import subprocess',
      'subprocess.run(',
      '    ["ls", "-la"], "a" "b", -2, +3, 1.5e3, 0x1F, 1_000, 2j, True, False, None, (("p")), f"{x}", b"\\x41",',
      '    *args, shell=True, timeout=-1.5, cwd=None, env=env, **kw)',
      '',
    ].join('\n');
    const model = analyze(source);
    const call = model.calls[0];
    assert.ok(call);
    assert.equal(call.callee, 'subprocess.run');
    assert.deepEqual(
      call.arguments.map((arg) => ({ name: arg.name, value: arg.value, text: arg.text, at: textAt(source, arg.span) })),
      [
        { name: undefined, value: undefined, text: '["ls", "-la"]', at: '["ls", "-la"]' },
        { name: undefined, value: 'ab', text: '"a" "b"', at: '"a" "b"' },
        { name: undefined, value: -2, text: '-2', at: '-2' },
        { name: undefined, value: 3, text: '+3', at: '+3' },
        { name: undefined, value: 1500, text: '1.5e3', at: '1.5e3' },
        { name: undefined, value: 31, text: '0x1F', at: '0x1F' },
        { name: undefined, value: 1000, text: '1_000', at: '1_000' },
        { name: undefined, value: undefined, text: '2j', at: '2j' },
        { name: undefined, value: true, text: 'True', at: 'True' },
        { name: undefined, value: false, text: 'False', at: 'False' },
        { name: undefined, value: null, text: 'None', at: 'None' },
        { name: undefined, value: 'p', text: '(("p"))', at: '(("p"))' },
        { name: undefined, value: undefined, text: 'f"{x}"', at: 'f"{x}"' },
        { name: undefined, value: 'A', text: 'b"\\x41"', at: 'b"\\x41"' },
        { name: undefined, value: undefined, text: '*args', at: '*args' },
        { name: 'shell', value: true, text: 'True', at: 'True' },
        { name: 'timeout', value: -1.5, text: '-1.5', at: '-1.5' },
        { name: 'cwd', value: null, text: 'None', at: 'None' },
        { name: 'env', value: undefined, text: 'env', at: 'env' },
        { name: undefined, value: undefined, text: '**kw', at: '**kw' },
      ],
    );
    assert.equal(textAt(source, call.calleeSpan), 'subprocess.run');
    assert.equal(call.span.startLine, 2);
    assert.equal(call.span.endLine, 4);
  });

  it('a generator argument is one positional argument', () => {
    const model = analyze('any(x for x in xs)\n');
    assert.deepEqual(model.calls[0]?.arguments.map((arg) => arg.text), ['x for x in xs']);
  });
});

describe('python analyzer: strings', () => {
  const rows: { source: string; values: string[] }[] = [
    { source: '"plain"', values: ['plain'] },
    { source: "'single'", values: ['single'] },
    { source: 'r"\\d+\\n"', values: ['\\d+\\n'] },
    { source: '"tab\\tnew\\nquote\\"back\\\\"', values: ['tab\tnew\nquote"back\\'] },
    { source: '"\\x41\\101\\u00e9\\U0001F600\\a"', values: ['AAé😀\x07'] },
    { source: '"\\N{BULLET} \\d"', values: ['\\N{BULLET} \\d'] },
    { source: 'b"\\x00\\xff\\u00e9"', values: ['\x00\xff\\u00e9'] },
    { source: 'Rb"\\x00"', values: ['\\x00'] },
    { source: "u'caf\u00e9'", values: ['café'] },
    { source: 'f"a{b!r:>10}c\\n"', values: ['a{b!r:>10}c\n'] },
    { source: 'f"{{literal}} {x:{width}}"', values: ['{literal} {x:{width}}'] },
    { source: 'rf"\\d{{2}}{n}"', values: ['\\d{2}{n}'] },
    { source: 'f"{d[\'key\']}"', values: ["{d['key']}", 'key'] },
    { source: '"""multi\nline"""', values: ['multi\nline'] },
    { source: "'''a\\\nb'''", values: ['ab'] },
    { source: '"implicit" \'concat\'', values: ['implicit', 'concat'] },
    { source: '""', values: [''] },
  ];
  for (const row of rows) {
    it(`decodes ${row.source.split('\n')[0]}`, () => {
      const model = analyze(`x = ${row.source}\n`);
      assert.deepEqual(
        model.strings.map((literal) => literal.value),
        row.values,
      );
      assert.deepEqual(model.syntaxErrors, []);
    });
  }

  it('spans cover prefix and quotes; CRLF inside a triple-quoted string reads as LF', () => {
    const source = 'x = 1\r\ns = rb"\\x00"\r\ndoc = """one\r\ntwo"""\r\n';
    const model = analyze(source);
    assert.deepEqual(
      model.strings.map((literal) => [literal.value, textAt(source, literal.span)]),
      [
        ['\\x00', 'rb"\\x00"'],
        ['one\ntwo', '"""one\ntwo"""'],
      ],
    );
  });
});

describe('python analyzer: comments', () => {
  it('keeps the text after `#`, knows own-line comments, and drops the CR of CRLF', () => {
    const source = '#!/usr/bin/env python3\r\nimport os  # socguard-ignore unapproved-import -- reason\r\n    # indented\r\nx = "# not a comment"\r\n';
    const model = analyze(source);
    assert.deepEqual(
      model.comments.map((comment) => [comment.text, comment.isOwnLine, textAt(source, comment.span)]),
      [
        ['!/usr/bin/env python3', true, '#!/usr/bin/env python3'],
        [' socguard-ignore unapproved-import -- reason', false, '# socguard-ignore unapproved-import -- reason'],
        [' indented', true, '# indented'],
      ],
    );
  });
});

describe('python analyzer: syntax errors', () => {
  const rows: { title: string; source: string; expect: [message: string, text: string][] }[] = [
    { title: 'valid code has none', source: 'import os\nprint >>f, "py3 expression"\nif x: a; b\nelse: c\ny = [\n  1]\n\fz = 1\n', expect: [] },
    { title: 'unclosed call', source: 'import os\nfoo(1, 2\nimport sys\n', expect: [['`(` was never closed', '(']] },
    { title: 'unclosed list', source: 'x = [1, 2\n', expect: [['`[` was never closed', '[']] },
    { title: 'stray closer', source: 'x = )\n', expect: [['unmatched `)`', ')']] },
    { title: 'missing token', source: 'def f(:\n    pass\n', expect: [['missing `)`', '']] },
    { title: 'unterminated string', source: 'x = "abc\ny = 1\n', expect: [['unterminated string literal', '"']] },
    { title: 'empty block', source: 'def f():\n\nx = 1\n', expect: [['expected an indented block', '']] },
    { title: 'missing colon', source: 'if x\n    pass\n', expect: [['expected `:`', 'if']] },
    { title: 'missing colon in a class header', source: 'class A\n    def m(self):\n        pass\n', expect: [['expected `:`', '']] },
    { title: 'unexpected indent', source: 'def f():\n    return 1\n        x = 2\n', expect: [['unexpected indent', '        ']] },
    { title: 'unexpected indent at the top', source: '  import os\n', expect: [['unexpected indent', '  ']] },
    {
      title: 'dedent to no outer level',
      source: 'def f():\n    if x:\n        a = 1\n  b = 2\n',
      expect: [['unindent does not match any outer indentation level', '  ']],
    },
    { title: 'Python 2 print', source: 'print "hello"\n', expect: [['missing parentheses in call to `print`', 'print "hello"']] },
    { title: 'Python 2 exec', source: 'exec "code"\n', expect: [['missing parentheses in call to `exec`', 'exec "code"']] },
  ];
  for (const row of rows) {
    it(row.title, () => {
      const model = analyze(row.source);
      assert.deepEqual(
        model.syntaxErrors.map((problem) => [problem.message, textAt(row.source, problem.span)]),
        row.expect,
      );
      assertSpansInside(row.source, model);
    });
  }

  it('every problem of a garbled file lies inside the document', () => {
    for (const source of ['x = )\nfoo(\ndef f(:\n  pass\nclass A\n  pass\nfrom import x\nimport\n', ')))', '(((', 'def', '"""', '\0\0\0', 'if x:\n', '@\n']) {
      const model = analyze(source);
      assert.ok(model.syntaxErrors.length > 0, `expected a syntax error in ${JSON.stringify(source)}`);
      assertSpansInside(source, model);
    }
  });
});

describe('python analyzer: broken files still yield imports', () => {
  it('recovers the imports an unclosed bracket swallows, with exact spans', () => {
    const source = [
      'import os',
      'x = [1, 2',
      'import requests',
      'from scapy import all as s',
      'def f():',
      '    import yaml',
      '    from .local import (a,',
      '        b)',
      '',
    ].join('\n');
    const model = analyze(source);
    assert.deepEqual(
      model.imports.map((ref) => importView(source, ref)),
      [
        { module: 'os', kind: 'import', level: 0, alias: 'os', text: 'os', names: [], nested: false, typeChecking: false },
        { module: 'requests', kind: 'import', level: 0, alias: 'requests', text: 'requests', names: [], nested: false, typeChecking: false },
        { module: 'scapy', kind: 'from', level: 0, text: 'scapy', names: ['all as s'], nested: false, typeChecking: false },
        { module: 'yaml', kind: 'import', level: 0, alias: 'yaml', text: 'yaml', names: [], nested: false, typeChecking: false },
        { module: 'local', kind: 'from', level: 1, text: 'local', names: ['a', 'b'], nested: false, typeChecking: false },
      ],
    );
    assert.deepEqual(model.syntaxErrors.map((problem) => problem.message), ['`[` was never closed']);
  });

  it('finds an import whose name the error region left outside it', () => {
    const source = 'x = 1 +\nimport os\n';
    const model = analyze(source);
    assert.deepEqual(model.imports.map((ref) => [ref.module, textAt(source, ref.span)]), [['os', 'os']]);
  });

  it('keeps the imports around a broken statement', () => {
    const source = 'import json\ndef broken(:\n    pass\nimport sys\nx = "unterminated\nfrom a import b\n';
    const model = analyze(source);
    assert.deepEqual(model.imports.map((ref) => [ref.module, textAt(source, ref.span)]), [
      ['json', 'json'],
      ['sys', 'sys'],
      ['a', 'a'],
    ]);
    assert.ok(model.syntaxErrors.length >= 2);
  });

  it('does not invent imports from words in an error region', () => {
    const model = analyze('x = (\n  "import os",\n  from_ + import_\n');
    assert.deepEqual(model.imports, []);
  });
});

describe('python analyzer: positions', () => {
  it('columns count UTF-16 code units after non-ASCII text', () => {
    const source = 'x = "é😀中"; import requests  # ünïcödé\ns = "𝔘"; subprocess.run("ok")\n';
    const model = analyze(source);
    const ref = model.imports[0];
    assert.ok(ref);
    assert.equal(textAt(source, ref.span), 'requests');
    assert.deepEqual(ref.span, { startLine: 1, startColumn: 20, endLine: 1, endColumn: 28 });
    assert.equal(textAt(source, model.comments[0]?.span ?? ref.span), '# ünïcödé');
    const call = model.calls[0];
    assert.ok(call);
    assert.equal(textAt(source, call.calleeSpan), 'subprocess.run');
    assert.equal(call.calleeSpan.startColumn, 11);
    assert.deepEqual(model.strings.map((literal) => [literal.value, textAt(source, literal.span)]), [
      ['é😀中', '"é😀中"'],
      ['𝔘', '"𝔘"'],
      ['ok', '"ok"'],
    ]);
  });

  it('unicode identifiers', () => {
    const source = 'def grüße(naïve):\n    return naïve.lower()\n';
    const model = analyze(source);
    assert.equal(model.functions[0]?.name, 'grüße');
    assert.equal(textAt(source, model.functions[0]?.nameSpan ?? { startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 }), 'grüße');
    assert.equal(model.calls[0]?.callee, 'naïve.lower');
  });

  it('CRLF line endings', () => {
    const source = 'import os\r\n\r\nfrom a.b import (c,\r\n    d)\r\ndef f():\r\n    os.system("x")\r\n';
    const model = analyze(source);
    assert.deepEqual(model.imports.map((ref) => [ref.span.startLine, ref.span.startColumn, textAt(source, ref.span)]), [
      [1, 8, 'os'],
      [3, 6, 'a.b'],
    ]);
    assert.deepEqual(model.imports[1]?.names.map((name) => [name.span.startLine, textAt(source, name.span)]), [
      [3, 'c'],
      [4, 'd'],
    ]);
    assert.deepEqual(model.functions[0]?.nameSpan, { startLine: 5, startColumn: 5, endLine: 5, endColumn: 6 });
    assert.equal(model.lineCount, 7);
    assertSpansInside(source, model);
  });

  it('a leading BOM does not shift columns', () => {
    const source = '\uFEFFimport os, sys\r\nsys.exit(0)\r\n';
    const model = analyze(source);
    assert.deepEqual(model.imports.map((ref) => ref.span), [
      { startLine: 1, startColumn: 8, endLine: 1, endColumn: 10 },
      { startLine: 1, startColumn: 12, endLine: 1, endColumn: 15 },
    ]);
    assert.deepEqual(model.calls[0]?.calleeSpan, { startLine: 2, startColumn: 1, endLine: 2, endColumn: 9 });
    assertSpansInside(source, model);
  });

  it('a lone CR ends a line, as in Python and VS Code', () => {
    const source = 'import os\rimport sys\r\nimport re\n';
    const model = analyze(source);
    assert.deepEqual(model.imports.map((ref) => [ref.module, ref.span.startLine, ref.span.startColumn]), [
      ['os', 1, 8],
      ['sys', 2, 8],
      ['re', 3, 8],
    ]);
    assert.equal(model.lineCount, 4);
  });

  it('lineCount follows the editor: line breaks + 1', () => {
    assert.equal(analyze('').lineCount, 1);
    assert.equal(analyze('x = 1').lineCount, 1);
    assert.equal(analyze('x = 1\n').lineCount, 2);
    assert.equal(analyze('a\r\nb\r\nc').lineCount, 3);
  });
});

describe('python analyzer: robustness', () => {
  it('never throws, and survives deep nesting', () => {
    const inputs = [
      `x = ${'('.repeat(5000)}1${')'.repeat(5000)}\n`,
      `x = ${'['.repeat(20000)}\n`,
      `y = ${'f('.repeat(3000)}${')'.repeat(3000)}\n`,
      `${Array.from({ length: 150 }, (_, depth) => `${'    '.repeat(depth)}if x:`).join('\n')}\n${'    '.repeat(150)}import deep\n`,
      '\uFEFF',
      '\r\r\r',
      String.fromCharCode(...Array.from({ length: 2000 }, (_, i) => (i * 7919) % 0xd7ff)),
    ];
    for (const source of inputs) {
      const model = analyze(source);
      assert.equal(model.language, 'python');
      assertSpansInside(source, model);
    }
    const nested = analyze(inputs[3] ?? '');
    assert.deepEqual(nested.imports.map((ref) => ref.module), ['deep']);
  });

  it('reuses one parser across many files', () => {
    for (let i = 0; i < 200; i++) {
      const model = analyze(`import mod${i}\n`);
      assert.equal(model.imports[0]?.module, `mod${i}`);
    }
  });
});

describe('python standard library list', () => {
  const rows: [module: string, version: (typeof PYTHON_VERSIONS)[number] | undefined, expected: boolean][] = [
    ['os', undefined, true],
    ['os.path', undefined, true],
    ['xml.etree.ElementTree', '3.8', true],
    ['_thread', '3.13', true],
    ['__future__', '3.8', true],
    ['telnetlib', undefined, true],
    ['telnetlib', '3.12', true],
    ['telnetlib', '3.13', false],
    ['distutils.core', '3.11', true],
    ['distutils', '3.12', false],
    ['imp', '3.11', true],
    ['asynchat', '3.12', false],
    ['tomllib', '3.10', false],
    ['tomllib', '3.11', true],
    ['zoneinfo', '3.8', false],
    ['zoneinfo', '3.9', true],
    ['dummy_threading', '3.8', true],
    ['dummy_threading', '3.9', false],
    ['requests', undefined, false],
    ['reqeusts', undefined, false],
    ['yaml', undefined, false],
    ['', undefined, false],
    ['.relative', undefined, false],
    ['OS', undefined, false],
  ];
  for (const [module, version, expected] of rows) {
    it(`${JSON.stringify(module)} on ${version ?? 'any version'} is ${expected ? '' : 'not '}stdlib`, () => {
      assert.equal(isPythonStdlib(module, version), expected);
    });
  }

  it('the union holds exactly the modules of the versions', () => {
    const union = new Set<string>();
    for (const version of PYTHON_VERSIONS) for (const name of PYTHON_STDLIB_BY_VERSION.get(version) ?? []) union.add(name);
    assert.deepEqual([...union].sort(), [...PYTHON_STDLIB_MODULES].sort());
    assert.ok(PYTHON_STDLIB_MODULES.size > 300);
  });
});
