// Booking URL parsing: every shape a person may paste, and everything that must be refused.
import { describe, expect, it } from 'vitest';
import {
  BookingUrlError,
  isLoopbackOrigin,
  parseBookingUrl,
} from '../../../src-main/core/providers/consulat-gouv-fr/booking-url';

const LONDON = 'consulat-general-de-france-a-londres';

describe('parseBookingUrl: accepted shapes', () => {
  it('reads the French page without a service', () => {
    expect(parseBookingUrl(`https://consulat.gouv.fr/${LONDON}/rendez-vous`)).toEqual({
      siteOrigin: 'https://consulat.gouv.fr',
      slug: LONDON,
      lang: 'fr',
      bookingUrl: `https://consulat.gouv.fr/${LONDON}/rendez-vous`,
      drivingUrl: `https://consulat.gouv.fr/${LONDON}/rendez-vous`,
    });
  });

  it('drives the French page for French, the English one for every other language', () => {
    expect(parseBookingUrl(`https://consulat.gouv.fr/${LONDON}/rendez-vous?name=Visas`).drivingUrl).toBe(
      `https://consulat.gouv.fr/${LONDON}/rendez-vous?name=Visas`,
    );
    for (const lang of ['en', 'de', 'ar', 'zh']) {
      expect(
        parseBookingUrl(`https://consulat.gouv.fr/${lang}/${LONDON}/appointment?name=Visas`).drivingUrl,
      ).toBe(`https://consulat.gouv.fr/en/${LONDON}/appointment?name=Visas`);
    }
    expect(parseBookingUrl(`https://consulat.gouv.fr/nl/${LONDON}/winkelafspraak`).drivingUrl).toBe(
      `https://consulat.gouv.fr/en/${LONDON}/appointment`,
    );
  });

  it('reads ?name= with %20 and normalises it', () => {
    const page = parseBookingUrl(
      `https://consulat.gouv.fr/${LONDON}/rendez-vous?name=Passeports%20et%20CNIE`,
    );
    expect(page.serviceName).toBe('Passeports et CNIE');
    expect(page.bookingUrl).toBe(
      `https://consulat.gouv.fr/${LONDON}/rendez-vous?name=Passeports%20et%20CNIE`,
    );
  });

  it('reads a raw (unencoded) name with accents, a slash and a typographic apostrophe', () => {
    const page = parseBookingUrl(
      'https://consulat.gouv.fr/ambassade-de-france-a-minsk/rendez-vous?name=Réception des demandes/visas d’étudiant',
    );
    expect(page.serviceName).toBe('Réception des demandes/visas d’étudiant');
    expect(parseBookingUrl(page.bookingUrl)).toEqual(page);
  });

  it('reads a percent-encoded name with accents, slash and apostrophes', () => {
    const encoded = encodeURIComponent("Légalisations / copies conformes d'actes – l’état civil");
    const page = parseBookingUrl(`https://consulat.gouv.fr/${LONDON}/rendez-vous?name=${encoded}`);
    expect(page.serviceName).toBe("Légalisations / copies conformes d'actes – l’état civil");
  });

  it('treats NFD accents like NFC ones', () => {
    const nfd = 'Réception'.normalize('NFD');
    expect(parseBookingUrl(`https://consulat.gouv.fr/${LONDON}/rendez-vous?name=${nfd}`).serviceName).toBe(
      'Réception',
    );
  });

  it.each(['en', 'ar', 'zh', 'ru', 'it', 'es', 'de', 'pt'] as const)(
    'reads /%s/<slug>/appointment',
    (lang) => {
      const page = parseBookingUrl(
        `https://consulat.gouv.fr/${lang}/ambassade-de-france-en-irlande/appointment?name=Visas`,
      );
      expect(page).toMatchObject({ lang, slug: 'ambassade-de-france-en-irlande', serviceName: 'Visas' });
      expect(page.bookingUrl).toBe(
        `https://consulat.gouv.fr/${lang}/ambassade-de-france-en-irlande/appointment?name=Visas`,
      );
    },
  );

  it('reads the Dutch /nl/<slug>/winkelafspraak page', () => {
    expect(parseBookingUrl(`https://consulat.gouv.fr/nl/${LONDON}/winkelafspraak`)).toMatchObject({
      lang: 'nl',
      slug: LONDON,
      bookingUrl: `https://consulat.gouv.fr/nl/${LONDON}/winkelafspraak`,
    });
  });

  it('drops www., a trailing slash, other parameters and the fragment', () => {
    const page = parseBookingUrl(
      `  https://www.consulat.gouv.fr/${LONDON}/rendez-vous/?utm_source=x&name=Visas#top  `,
    );
    expect(page.bookingUrl).toBe(`https://consulat.gouv.fr/${LONDON}/rendez-vous?name=Visas`);
    expect(page.siteOrigin).toBe('https://consulat.gouv.fr');
  });

  it('adds https:// to a URL pasted without scheme', () => {
    expect(parseBookingUrl(`consulat.gouv.fr/${LONDON}/rendez-vous`).bookingUrl).toBe(
      `https://consulat.gouv.fr/${LONDON}/rendez-vous`,
    );
  });

  it('treats an empty ?name= as no service', () => {
    expect(
      parseBookingUrl(`https://consulat.gouv.fr/${LONDON}/rendez-vous?name=`).serviceName,
    ).toBeUndefined();
  });

  it('accepts upper-case host and fixed path parts', () => {
    expect(parseBookingUrl(`HTTPS://Consulat.Gouv.FR/EN/${LONDON}/Appointment`)).toMatchObject({
      lang: 'en',
      slug: LONDON,
    });
  });

  it.each([
    ['http://127.0.0.1:4123', 'http://127.0.0.1:4123'],
    ['https://127.0.0.1:4123', 'https://127.0.0.1:4123'],
    ['http://localhost:8080', 'http://localhost:8080'],
    ['http://[::1]:9000', 'http://[::1]:9000'],
  ])('accepts the loopback replica at %s', (origin, siteOrigin) => {
    const page = parseBookingUrl(`${origin}/${LONDON}/rendez-vous?name=Visas`);
    expect(page.siteOrigin).toBe(siteOrigin);
    expect(page.bookingUrl).toBe(`${siteOrigin}/${LONDON}/rendez-vous?name=Visas`);
    expect(isLoopbackOrigin(page.siteOrigin)).toBe(true);
  });

  it('says the real site is not loopback', () => {
    expect(isLoopbackOrigin('https://consulat.gouv.fr')).toBe(false);
  });
});

describe('parseBookingUrl: refusals', () => {
  it.each([
    ['http on the public host', `http://consulat.gouv.fr/${LONDON}/rendez-vous`],
    ['another host', `https://consulat.gouv.fr.evil.example/${LONDON}/rendez-vous`],
    ['a look-alike host', `https://consulat-gouv.fr/${LONDON}/rendez-vous`],
    ['the API host', `https://api.consulat.gouv.fr/${LONDON}/rendez-vous`],
    ['a non-loopback IP', `http://192.168.1.10/${LONDON}/rendez-vous`],
    ['another loopback address', `http://127.0.0.2/${LONDON}/rendez-vous`],
    ['a user name', `https://someone@consulat.gouv.fr/${LONDON}/rendez-vous`],
    ['a port on the public host', `https://consulat.gouv.fr:8443/${LONDON}/rendez-vous`],
    ['ftp on loopback', `ftp://127.0.0.1/${LONDON}/rendez-vous`],
    ['the home page', 'https://consulat.gouv.fr/'],
    ['the consulate page without rendez-vous', `https://consulat.gouv.fr/${LONDON}`],
    ['a step past the booking page', `https://consulat.gouv.fr/${LONDON}/rendez-vous/confirmation`],
    ['appointment without a language', `https://consulat.gouv.fr/${LONDON}/appointment`],
    ['rendez-vous under a language', `https://consulat.gouv.fr/en/${LONDON}/rendez-vous`],
    ['an unknown language', `https://consulat.gouv.fr/xx/${LONDON}/appointment`],
    ['Dutch with appointment', `https://consulat.gouv.fr/nl/${LONDON}/appointment`],
    ['a slug with spaces', 'https://consulat.gouv.fr/consulat%20de%20londres/rendez-vous'],
    ['not a URL', 'London passports please'],
    ['an empty string', ''],
  ])('refuses %s', (_label, input) => {
    expect(() => parseBookingUrl(input)).toThrow(BookingUrlError);
  });

  it('explains in one line what a booking URL looks like', () => {
    try {
      parseBookingUrl(`http://consulat.gouv.fr/${LONDON}/rendez-vous`);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(BookingUrlError);
      const message = (error as BookingUrlError).message;
      expect(message).not.toContain('\n');
      expect(message).toContain('https://consulat.gouv.fr/<consulate>/rendez-vous?name=<service>');
      expect((error as BookingUrlError).problem).toContain('https');
    }
  });
});
