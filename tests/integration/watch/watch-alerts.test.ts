// `watch --config FILE` sends the configured phone alerts too: one webhook POST per batch of new slots.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../shared/settings';
import { openSettingsFile } from '../../../src-main/settings/settings-file';
import { startReplica, type Replica } from '../../replica/server';
import { LONDON_PASSPORTS, LONDON_SLUG } from '../../replica/scenarios';
import { startHttpReceiver, type HttpReceiver } from '../alerts/support/http-receiver';
import { startWatch, type WatchProcess } from './watch-process';

describe('watch --config', () => {
  let replica: Replica;
  let receiver: HttpReceiver;
  let dir: string;
  let watch: WatchProcess | undefined;

  beforeAll(async () => {
    replica = await startReplica({ captcha: 'off' });
    receiver = await startHttpReceiver();
    dir = await mkdtemp(join(tmpdir(), 'ambislot-watch-alerts-'));
  });
  afterAll(async () => {
    watch?.child.kill('SIGKILL');
    await replica.close();
    await receiver.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('posts one webhook alert for the slots a check finds new, and none for the next same checks', async () => {
    const settings = defaultSettings();
    settings.alerts.language = 'en';
    settings.alerts.webhook = { ...settings.alerts.webhook, enabled: true, url: `${receiver.url}/hook` };
    const config = join(dir, 'settings.json');
    await openSettingsFile(config).save(settings);

    const url = replica.bookingUrl(LONDON_SLUG, { name: LONDON_PASSPORTS });
    const expected = replica.control.slots(LONDON_SLUG, LONDON_PASSPORTS).filter((s) => s.capacity > 0);
    watch = startWatch([url, '--interval', '1s', '--config', config, '--data-dir', join(dir, 'data')], {});

    const first = await watch.next(30_000);
    expect(first.event).toBe('new-slots');
    // Two more checks: same slots, so no more alerts anywhere.
    const checks = () => replica.control.requests({ origin: 'api', route: 'get-interval' }).length;
    const target = checks() + 2;
    while (checks() < target) await new Promise((r) => setTimeout(r, 100));
    watch.child.kill('SIGINT');
    expect((await watch.exited).code).toBe(0);

    const hooks = receiver.requests.filter((r) => r.path === '/hook');
    expect(hooks).toHaveLength(1);
    const body = JSON.parse(hooks[0]!.body);
    expect(body).toMatchObject({ event: 'new-slots', service: LONDON_PASSPORTS, count: expected.length });
    expect(body.bookingUrl).toBe(url);
  });

  it('refuses an unreadable settings file with exit 2 before watching', async () => {
    const url = replica.bookingUrl(LONDON_SLUG, { name: LONDON_PASSPORTS });
    const bad = startWatch([url, '--config', join(dir, 'missing.json')], {});
    expect((await bad.exited).code).toBe(2);
    expect(bad.stderr()).toContain('missing.json');
  });
});
