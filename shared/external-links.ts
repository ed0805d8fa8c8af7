/** The only URL policy for opening links outside the app: https, consulat.gouv.fr and the hosts of the user's own watches. */

/** The official booking site; its subdomains are trusted too. */
export const OFFICIAL_BOOKING_DOMAIN = 'consulat.gouv.fr';

export type ExternalLinkVerdict = { allowed: true; url: string } | { allowed: false; reason: string };

export interface ExternalLinkPolicy {
  /** Booking URLs of the user's watches: their hosts are allowed (a watch is the user's own choice). */
  watchUrls: readonly string[];
}

function hostOf(text: string): string | undefined {
  try {
    const url = new URL(text);
    // Only https watch URLs lend their host: an http watch (local replica) must not open http links.
    return url.protocol === 'https:' ? url.hostname.toLowerCase() : undefined;
  } catch {
    return undefined;
  }
}

function isOfficialHost(host: string): boolean {
  return host === OFFICIAL_BOOKING_DOMAIN || host.endsWith(`.${OFFICIAL_BOOKING_DOMAIN}`);
}

/**
 * Decides whether `candidate` may be handed to the operating system. Refuses everything that is not an
 * https URL to an allowed host: file:, javascript:, data:, plain http:, credentials in the URL, unknown hosts.
 * The URL returned is the parsed, normalised one, so what is opened is exactly what was checked.
 */
export function checkExternalLink(candidate: unknown, policy: ExternalLinkPolicy): ExternalLinkVerdict {
  if (typeof candidate !== 'string' || candidate.trim() === '')
    return { allowed: false, reason: 'not a URL' };
  let url: URL;
  try {
    url = new URL(candidate.trim());
  } catch {
    return { allowed: false, reason: 'not a URL' };
  }
  if (url.protocol !== 'https:')
    return { allowed: false, reason: `the ${url.protocol} scheme is not allowed` };
  if (url.username !== '' || url.password !== '') {
    return { allowed: false, reason: 'a URL carrying a user name or password is not allowed' };
  }
  const host = url.hostname.toLowerCase();
  const watchHosts = new Set(policy.watchUrls.map(hostOf).filter((h): h is string => h !== undefined));
  if (!isOfficialHost(host) && !watchHosts.has(host)) {
    return {
      allowed: false,
      reason: `${host} is neither consulat.gouv.fr nor the site of one of your watches`,
    };
  }
  return { allowed: true, url: url.href };
}
