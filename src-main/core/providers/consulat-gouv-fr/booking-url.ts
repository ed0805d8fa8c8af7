/** Parses a consulat.gouv.fr booking page URL, exactly as a person copies it, into what the adapter needs. */

/** Languages whose booking page lives at `/<lang>/<slug>/appointment` (from the page's hreflang alternates). */
export const APPOINTMENT_PATH_LANGUAGES = ['en', 'ar', 'zh', 'ru', 'it', 'es', 'de', 'pt'] as const;

export type BookingLanguage = 'fr' | 'nl' | (typeof APPOINTMENT_PATH_LANGUAGES)[number];

export interface BookingPage {
  /** Origin of the booking site: `https://consulat.gouv.fr`, or a loopback origin for the local replica. */
  siteOrigin: string;
  /** The consulate's team slug, e.g. `consulat-general-de-france-a-londres`. */
  slug: string;
  lang: BookingLanguage;
  /** The calendar pre-selected with `?name=`, decoded. */
  serviceName?: string;
  /** The same page, normalised: no `www.`, no trailing slash, only `?name=`. */
  bookingUrl: string;
  /**
   * The page the adapter drives: the same calendar in French or English, the two languages whose wording it
   * knows. An Arabic or German page shows the same data (`?name=` carries the untranslated service name).
   */
  drivingUrl: string;
}

const SHAPE_HINT =
  'a booking URL looks like https://consulat.gouv.fr/<consulate>/rendez-vous?name=<service> (or /en/<consulate>/appointment?name=<service>)';

/** The URL given is not a booking page we can read; the message is one line a person can act on. */
export class BookingUrlError extends Error {
  override readonly name = 'BookingUrlError';
  constructor(
    /** What was wrong with this particular input. */
    readonly problem: string,
  ) {
    super(`Not a consulat.gouv.fr booking page (${problem}): ${SHAPE_HINT}.`);
  }
}

const PUBLIC_HOSTS = new Set(['consulat.gouv.fr', 'www.consulat.gouv.fr']);
// The replica runs on loopback; nothing else may stand in for the real site.
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
// Slugs are lower-case ASCII with hyphens by the site's own convention (§1.1).
const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

function withScheme(input: string): string {
  // A URL copied from some browsers' address bars, or typed by hand, may lack the scheme.
  if (/^(www\.)?consulat\.gouv\.fr(\/|$)/i.test(input)) return `https://${input}`;
  return input;
}

function parseUrl(input: string): URL {
  try {
    return new URL(withScheme(input));
  } catch {
    throw new BookingUrlError(input === '' ? 'the URL is empty' : 'this is not a URL');
  }
}

function checkOrigin(url: URL): { siteOrigin: string } {
  const host = url.hostname.toLowerCase();
  if (url.username !== '' || url.password !== '') throw new BookingUrlError('the URL carries a user name');
  if (PUBLIC_HOSTS.has(host)) {
    if (url.protocol !== 'https:') throw new BookingUrlError('the site is only served over https');
    if (url.port !== '') throw new BookingUrlError(`unexpected port ${url.port}`);
    return { siteOrigin: 'https://consulat.gouv.fr' };
  }
  if (LOOPBACK_HOSTS.has(host)) {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new BookingUrlError(`unsupported scheme ${url.protocol}`);
    }
    return { siteOrigin: url.origin };
  }
  throw new BookingUrlError(`the host is ${host || url.protocol}, not consulat.gouv.fr`);
}

function checkSlug(raw: string): string {
  const slug = raw.toLowerCase();
  if (!SLUG_PATTERN.test(slug)) throw new BookingUrlError(`"${raw}" is not a consulate name from the site`);
  return slug;
}

function parsePath(url: URL): { slug: string; lang: BookingLanguage } {
  let segments: string[];
  try {
    segments = url.pathname
      .split('/')
      .filter((segment) => segment !== '')
      .map((segment) => decodeURIComponent(segment));
  } catch {
    throw new BookingUrlError('the path is not valid');
  }
  const lowered = segments.map((segment) => segment.toLowerCase());
  if (lowered.length === 2 && lowered[1] === 'rendez-vous') {
    return { slug: checkSlug(segments[0]!), lang: 'fr' };
  }
  if (lowered.length === 3) {
    const [lang, , page] = lowered as [string, string, string];
    if (lang === 'nl' && page === 'winkelafspraak') return { slug: checkSlug(segments[1]!), lang: 'nl' };
    const appointmentLang = APPOINTMENT_PATH_LANGUAGES.find((known) => known === lang);
    if (appointmentLang !== undefined && page === 'appointment') {
      return { slug: checkSlug(segments[1]!), lang: appointmentLang };
    }
  }
  throw new BookingUrlError(`the path ${url.pathname} is not an appointment page`);
}

function parseServiceName(url: URL): string | undefined {
  // URLSearchParams decodes %XX (accents, ’, /) and keeps raw slashes and apostrophes as typed.
  const name = url.searchParams.get('name');
  if (name === null) return undefined;
  const trimmed = name.normalize('NFC').trim();
  return trimmed === '' ? undefined : trimmed;
}

function pagePath(slug: string, lang: BookingLanguage): string {
  if (lang === 'fr') return `/${slug}/rendez-vous`;
  if (lang === 'nl') return `/nl/${slug}/winkelafspraak`;
  return `/${lang}/${slug}/appointment`;
}

/** Parses and normalises a booking page URL; throws `BookingUrlError` for anything else. */
export function parseBookingUrl(input: string): BookingPage {
  const url = parseUrl(input.trim());
  const { siteOrigin } = checkOrigin(url);
  const { slug, lang } = parsePath(url);
  const serviceName = parseServiceName(url);
  const query = serviceName === undefined ? '' : `?name=${encodeURIComponent(serviceName)}`;
  const page: BookingPage = {
    siteOrigin,
    slug,
    lang,
    bookingUrl: `${siteOrigin}${pagePath(slug, lang)}${query}`,
    drivingUrl: `${siteOrigin}${pagePath(slug, lang === 'fr' ? 'fr' : 'en')}${query}`,
  };
  if (serviceName !== undefined) page.serviceName = serviceName;
  return page;
}

/** True for the local replica's hosts: politeness spacing is not needed there. */
export function isLoopbackOrigin(siteOrigin: string): boolean {
  return LOOPBACK_HOSTS.has(new URL(siteOrigin).hostname.toLowerCase());
}
