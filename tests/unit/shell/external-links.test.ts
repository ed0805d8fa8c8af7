// The one door to the operating system's browser: https to consulat.gouv.fr or a watch's own host, nothing else.
import { describe, expect, it } from 'vitest';
import { checkExternalLink } from '../../../shared/external-links';

const policy = {
  watchUrls: ['https://rdv.example.org/booking?x=1', 'http://127.0.0.1:4321/london/rendez-vous'],
};

describe('external-link door', () => {
  it.each([
    'https://consulat.gouv.fr/ambassade-de-france-a-londres/rendez-vous?name=Visas',
    'https://www.consulat.gouv.fr/en/x/appointment',
    'https://rdv.example.org/other-page',
  ])('opens %s', (url) => {
    expect(checkExternalLink(url, policy)).toEqual({ allowed: true, url: new URL(url).href });
  });

  it.each([
    ['file:', 'file:///etc/passwd'],
    ['javascript:', 'javascript:alert(1)'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['plain http:', 'http://consulat.gouv.fr/x/rendez-vous'],
    ['an unknown host', 'https://evil.example.com/consulat.gouv.fr'],
    ['a look-alike host', 'https://consulat.gouv.fr.evil.com/'],
    ['a suffix look-alike', 'https://notconsulat.gouv.fr/'],
    ['credentials', 'https://user:pw@consulat.gouv.fr/'],
    ['the http host of a replica watch', 'https://127.0.0.1:4321/london/rendez-vous'],
    ['a non-string', 42],
    ['garbage', 'not a url'],
  ])('refuses %s', (_label, url) => {
    expect(checkExternalLink(url, policy).allowed).toBe(false);
  });
});
