// unapproved-endpoint: a literal URL or host the script reaches that `network.allow` does not approve.
import { isLoopbackHost, networkEndpoints } from '../endpoints';
import { matchesHostPattern } from '../policy';
import { defineRule } from './rule';

export default defineRule({
  meta: {
    name: 'unapproved-endpoint',
    languages: ['python', 'powershell', 'kql'],
    defaultSeverity: 'error',
    description: 'network destination is not on the approved list',
    messages: {
      unapproved: '`{{host}}` is not an approved network destination (policy {{policy}}); `{{via}}` sends data there',
    },
  },
  check(context) {
    const allow = context.policy.network.allow;
    // An empty allowlist means the policy does not restrict destinations.
    if (allow.length === 0) return;
    for (const endpoint of networkEndpoints(context.model)) {
      if (endpoint.host === '' || isLoopbackHost(endpoint.host)) continue;
      if (allow.some((pattern) => matchesHostPattern(endpoint.host, pattern))) continue;
      context.report({ messageId: 'unapproved', data: { host: endpoint.host, via: endpoint.via, policy: context.policyLabel, url: endpoint.url }, span: endpoint.span });
    }
  },
});
