// The status line says in plain words what happened, what comes next, and what to do.
import { describe, expect, it } from 'vitest';
import { statusLine } from '../../../src-renderer/lib/format/status-line';
import { translate } from '../../../src-renderer/lib/i18n/translate';
import type { WatchStatus } from '../../../shared/model';
import { londonEntry } from './fixtures';

const now = new Date('2026-07-03T08:01:00Z');
const en = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) =>
  translate('en', key, params);
const fr = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) =>
  translate('fr', key, params);
const base = londonEntry([]).status;
const line = (status: Partial<WatchStatus>, t = en) =>
  statusLine({ ...base, ...status }, { now, userTimeZone: 'Europe/Paris', t });

describe('statusLine', () => {
  it('ok: last and next check on the user clock, with how far they are', () => {
    expect(line({})).toEqual({
      text: 'Last check at 10:00 (1 min ago). Next check at 10:03 (in 2 min).',
      tone: 'ok',
    });
    expect(line({}, fr).text).toBe(
      'Dernière vérification à 10:00 (il y a 1 min). Prochaine vérification à 10:03 (dans 2 min).',
    );
  });

  it('failing and degraded carry the reason and the next attempt', () => {
    const outcome = { ...base.outcome!, status: 'unreachable' as const, reason: 'The site did not answer' };
    expect(line({ state: 'failing', outcome, consecutiveFailures: 1 }).text).toBe(
      'The last check failed: The site did not answer. Trying again at 10:03 (in 2 min).',
    );
    const degraded = line({ state: 'degraded', outcome, consecutiveFailures: 4 });
    expect(degraded.tone).toBe('error');
    expect(degraded.text).toContain('4 checks in a row failed');
  });

  it('says the engine reason in the window language when it came as data', () => {
    const outcome = {
      ...base.outcome!,
      status: 'blocked' as const,
      reason: 'The site is rate-limiting us (HTTP 429) and asked us to wait 1 hour; checks pause until then.',
      explanation: { code: 'rate-limited' as const, retryAfterMs: 3_600_000 },
    };
    const context = { now, userTimeZone: 'Europe/Paris', t: fr, language: 'fr' as const };
    const blocked = statusLine({ ...base, state: 'blocked', outcome }, context);
    expect(blocked.detail).toContain('demande d’attendre 1 heure');
    expect(blocked.detail).not.toContain('rate-limiting');
  });

  it('action needed says what to do; an overdue next check is "any moment now"', () => {
    expect(line({ state: 'action-needed' }).text).toMatch(/solve it in the browser window/);
    expect(line({ state: 'idle', nextCheckAt: '2026-07-03T08:00:30.000Z' }).text).toBe(
      'Waiting for the first check. Next check any moment now.',
    );
  });

  it('off: a switched-off watch differs from an app that cannot monitor at all (B1)', () => {
    expect(
      statusLine({ ...base, state: 'off' }, { now, userTimeZone: 'UTC', t: en, enabled: false }).text,
    ).toBe('Switched off. Turn it on with “Edit”.');
    expect(
      statusLine({ ...base, state: 'off' }, { now, userTimeZone: 'UTC', t: en, enabled: true }).tone,
    ).toBe('error');
  });
});
