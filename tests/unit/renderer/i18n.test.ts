// The two dictionaries: same keys, same placeholders, nothing empty; and the lookup fills placeholders.
import { describe, expect, it } from 'vitest';
import { en } from '../../../src-renderer/lib/i18n/en';
import { fr } from '../../../src-renderer/lib/i18n/fr';
import { translate } from '../../../src-renderer/lib/i18n/translate';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('window texts', () => {
  it('French and English have exactly the same keys', () => {
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
  });

  it('every text is filled in and uses the same placeholders in both languages', () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(en[key].trim(), key).not.toBe('');
      expect(fr[key].trim(), key).not.toBe('');
      expect(placeholders(fr[key]), key).toEqual(placeholders(en[key]));
    }
  });

  it('fills placeholders and leaves an unknown one visible', () => {
    expect(translate('fr', 'slots.summary', { total: 3, matching: 1 })).toBe(
      '3 libres, 1 correspondant à vos filtres',
    );
    expect(translate('en', 'slots.summary', { total: 3 })).toBe('3 free, {matching} matching your filters');
  });
});
