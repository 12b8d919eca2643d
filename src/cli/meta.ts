// The tool's version and where rule documentation lives, read from package.json at build time.
import packageJson from '../../package.json';

/** The version of SOC Guardrails (package.json). */
export const TOOL_VERSION: string = packageJson.version;

/** The documentation page of a rule. */
export function ruleDocUrl(ruleId: string): string {
  return `${packageJson.repository.url.replace(/\.git$/, '')}/blob/main/src/core/rules/${ruleId}.md`;
}

/** The project's home page (SARIF `informationUri`). */
export const TOOL_HOMEPAGE: string = packageJson.homepage;
