import robotsParser from 'robots-parser';
import { fetchWithinOrigin, type HttpPolicy, USER_AGENT_TOKEN } from './http.ts';

/** What a site's robots.txt says to the crawler. */
export interface RobotsRules {
  /** Whether the crawler may fetch `url`. */
  allowed(url: string): boolean;
  /** Seconds to wait between requests (`Crawl-delay`), or null. */
  crawlDelay: number | null;
  /** The sitemaps it names (`Sitemap:`). */
  sitemaps: string[];
}

/** The outcome of reading robots.txt: its rules, or why the site cannot be crawled now. */
export type RobotsOutcome = { kind: 'rules'; rules: RobotsRules } | { kind: 'unreachable'; reason: string };

/**
 * Reads `/robots.txt` of the policy's origin for the user agent `corpus-qa` (robots-parser: RFC 9309 groups,
 * wildcards, `Allow` against `Disallow` by the longest match). As RFC 9309 says, a robots.txt that is missing
 * (4xx) allows everything, and one the server fails to give (5xx, no answer) forbids everything for now, so
 * the sync of that site does not run.
 */
export async function readRobots(policy: Omit<HttpPolicy, 'allowed'>): Promise<RobotsOutcome> {
  const url = `${policy.origin}/robots.txt`;
  const outcome = await fetchWithinOrigin(url, { ...policy, allowed: () => true });
  switch (outcome.kind) {
    case 'ok':
      return { kind: 'rules', rules: rulesOf(url, outcome.body.toString('utf8')) };
    case 'failed':
      return { kind: 'unreachable', reason: outcome.reason };
    default:
      // Missing, refused (4xx, too large, a redirect off the site): no rules to obey.
      return { kind: 'rules', rules: rulesOf(url, '') };
  }
}

/**
 * The rules of a robots.txt text.
 *
 * @example rulesOf('https://example.org/robots.txt', 'User-agent: *\nDisallow: /private').allowed('https://example.org/private/a') // → false
 */
export function rulesOf(robotsUrl: string, text: string): RobotsRules {
  const robots = robotsParser(robotsUrl, text);
  const delay = robots.getCrawlDelay(USER_AGENT_TOKEN);
  return {
    // robots-parser answers undefined for a URL of another origin: never allowed.
    allowed: (url) => robots.isAllowed(url, USER_AGENT_TOKEN) === true,
    crawlDelay: delay === undefined || !Number.isFinite(delay) || delay <= 0 ? null : delay,
    sitemaps: robots.getSitemaps(),
  };
}
