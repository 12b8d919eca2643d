// Table tests for syntax-error (Python; the other languages' cases live with their analyzers).
import { ruleTests } from './rule-tester';

ruleTests('syntax-error', 'python', {
  valid: ['def f(x):\n    return x\n', 'async def g():\n    await h()\n', 'match x:\n    case 1:\n        pass\n'],
  invalid: [
    { name: 'unclosed parameter list', code: 'def f(:\n    pass\n', errors: [{ line: 1, message: /^syntax error: / }] },
    { name: 'stray token', code: 'x = 1 +\n', errors: [{ line: 1 }] },
    { name: 'only the first error is reported, the rest counted', code: 'def f(:\n    pass\ndef g(:\n    pass\n', errors: [{ line: 1, message: /more after it/ }] },
  ],
});
