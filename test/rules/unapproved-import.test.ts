// Table tests for unapproved-import (Python; PowerShell cases live with the PowerShell rule tests).
import { ruleTests } from './rule-tester';

const ALLOW = 'python:\n  imports:\n    allow: [requests, azure.identity, "azure.mgmt.*"]\n';

ruleTests('unapproved-import', 'python', {
  valid: [
    'import os, sys, json\nfrom collections import abc\n',
    { name: 'approved third party', code: 'import requests\n', policy: ALLOW },
    { name: 'approved package covers submodules', code: 'import azure.identity.aio\nfrom azure.identity import DefaultAzureCredential\n', policy: ALLOW },
    { name: 'from-import of an approved submodule', code: 'from azure import identity\n', policy: ALLOW },
    { name: 'glob entry', code: 'import azure.mgmt.compute\n', policy: ALLOW },
    { name: 'relative imports are first-party', code: 'from . import helpers\nfrom ..core import x\n' },
    { name: 'sibling module is first-party', code: 'import helpers\nfrom lib.util import f\n', files: { 'helpers.py': '', 'lib/util.py': 'def f(): pass\n' } },
    { name: 'src layout package is first-party', code: 'import contoso_hunt\n', files: { 'src/contoso_hunt/__init__.py': '' } },
    { name: 'denylist mode approves everything not denied', code: 'import scapy\n', policy: 'python:\n  imports:\n    default: allow\n' },
    { name: '__future__ and typing are stdlib', code: 'from __future__ import annotations\nfrom typing import TYPE_CHECKING\n' },
  ],
  invalid: [
    {
      name: 'unapproved module',
      code: 'import scapy.all as scapy\n',
      errors: [{ message: '`scapy.all` is not on the approved list (policy Test policy 1.0.0)', text: 'scapy.all', line: 1 }],
    },
    {
      name: 'misspelling suggests the approved name',
      code: 'import os\nimport reqeusts\n',
      policy: ALLOW,
      errors: [{ message: '`reqeusts` is not on the approved list (policy Test policy 1.0.0) — did you mean `requests`?', text: 'reqeusts', line: 2, fix: 'requests' }],
    },
    {
      name: 'one finding per module per statement',
      code: 'import scapy, nmap\n',
      errors: [{ text: 'scapy' }, { text: 'nmap' }],
    },
    {
      name: 'from import, nested in try and function',
      code: 'try:\n    from shodan import Shodan\nexcept ImportError:\n    Shodan = None\n\ndef f():\n    import pyshark\n',
      errors: [{ text: 'shodan', line: 2 }, { text: 'pyshark', line: 7 }],
    },
    {
      name: 'TYPE_CHECKING imports are still dependencies',
      code: 'from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import boto3\n',
      errors: [{ text: 'boto3', line: 3 }],
    },
    {
      name: 'dynamic imports with literal names',
      code: 'import importlib\nmod = importlib.import_module("paramiko")\nother = __import__("nmap")\n',
      errors: [{ text: 'paramiko', line: 2 }, { text: 'nmap', line: 3 }],
    },
    {
      name: 'an approved parent does not approve a sibling package',
      code: 'import azure.storage\n',
      policy: ALLOW,
      errors: [{ text: 'azure.storage' }],
    },
    {
      name: 'stdlib deny mode flags the standard library',
      code: 'import socket\n',
      policy: 'python:\n  imports:\n    stdlib: deny\n',
      errors: [{ text: 'socket' }],
    },
    {
      name: 'severity comes from the policy and overrides',
      code: 'import scapy\n',
      file: 'sandbox/x.py',
      policy: 'overrides:\n  - files: ["sandbox/**"]\n    rules: { unapproved-import: warning }\n',
      errors: [{ severity: 'warning' }],
    },
    {
      name: 'suppression with a reason',
      code: 'import scapy  # socguard-ignore unapproved-import -- lab only, ticket SOC-1\n',
      errors: [{ suppressed: true }],
    },
    {
      name: 'own-line suppression covers the next line',
      code: '# socguard-ignore unapproved-import -- lab only\n# another comment\nimport scapy\nimport nmap\n',
      errors: [{ text: 'scapy', suppressed: true }, { text: 'nmap' }],
    },
    {
      name: 'positions survive CRLF, BOM and non-ASCII text',
      code: '\uFEFF# é€😀\r\nx = "😀"; import scapy\r\n',
      errors: [{ text: 'scapy', line: 2 }],
    },
    {
      name: 'imports are still checked in a file that does not parse',
      code: 'import scapy\ndef broken(:\n    pass\nimport nmap\n',
      errors: [{ text: 'scapy' }, { text: 'nmap' }],
    },
  ],
});
