// Table tests for invalid-suppression: suppressions need a reason, a known rule, and the policy's consent.
import { ruleTests } from './rule-tester';

ruleTests('invalid-suppression', 'python', {
  valid: [
    'import pickle  # socguard-ignore denied-import -- legacy format, SOC-142\n',
    '# socguard-ignore denied-import, unapproved-import -- vendored code\nimport pickle\n',
    '# socguard-ignored is not our marker\nimport os\n',
    { name: 'an expiry in the future', code: 'import pickle  # socguard-ignore denied-import -- migration (until 2999-12-31)\n' },
  ],
  invalid: [
    {
      name: 'missing reason',
      code: 'import pickle  # socguard-ignore denied-import\n',
      errors: [{ message: 'suppression of `denied-import` has no reason; write `socguard-ignore denied-import -- <why>`', severity: 'warning' }],
    },
    { name: 'unknown rule with a suggestion', code: 'import os  # socguard-ignore denied-imports -- typo\n', errors: [{ message: 'suppression names unknown rule `denied-imports` (did you mean `denied-import`?)' }] },
    {
      name: 'unsuppressible rule',
      code: 'import pickle  # socguard-ignore denied-import -- please\n',
      policy: 'unsuppressible: [denied-import]\n',
      errors: [{ message: 'policy Test policy 1.0.0 does not allow suppressing `denied-import`' }],
    },
    { name: 'expired suppression', code: 'import pickle  # socguard-ignore denied-import -- migration (until 2020-01-31)\n', errors: [{ message: 'suppression of `denied-import` expired on 2020-01-31' }] },
  ],
});
