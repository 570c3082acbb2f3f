/**
 * The command that re-runs one domain's report for its date, `--config` repeated when the
 * run had one: shown by explain, the Slack digest and the Markdown report alike.
 */
export function rerunCommand(domain: string, date: string, configPath: string | undefined): string {
  return `monitor ${domain} --date ${date}${configFlag(configPath)}`;
}

/** ` --config FILE`, or nothing. */
export function configFlag(configPath: string | undefined): string {
  return configPath === undefined ? '' : ` --config ${configPath}`;
}
