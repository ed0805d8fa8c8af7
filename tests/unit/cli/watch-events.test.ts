// The watch command tells a person when checks stopped happening at all (the watchdog), on its own line.
import { describe, expect, it } from 'vitest';
import { formatWatchLine, watchLines, type WatchLine } from '../../../src-main/cli/watch-events';
import type { Engine } from '../../../src-main/core/engine';
import type { MonitoringStoppedEvent } from '../../../src-main/core/engine-events';

describe('watchLines', () => {
  it('prints the watchdog’s "monitoring stopped" notice as a NOTE line, in JSON with its notice name', () => {
    const engine = { on: () => () => {}, status: () => ({ state: 'checking' }) } as unknown as Engine;
    let tell: ((event: MonitoringStoppedEvent) => void) | undefined;
    const watchdog = {
      on: (_event: 'monitoring-stopped', listener: (event: MonitoringStoppedEvent) => void) => {
        tell = listener;
        return () => {};
      },
    };
    const lines: WatchLine[] = [];
    watchLines(engine, (line) => lines.push(line), watchdog as never);
    tell!({
      watchId: 'watch',
      at: '2026-12-03T10:00:00.000Z',
      bookingUrl: 'https://consulat.gouv.fr/consulat-general-de-france-a-londres/rendez-vous',
      silentForMs: 600_000,
      reason: 'the last check never finished',
    });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ event: 'status', notice: 'monitoring-stopped', status: 'checking' });
    expect(formatWatchLine(lines[0]!)[0]).toMatch(
      /NOTE +Monitoring stopped, .*\. The last check never finished\.$/,
    );
  });

  it("puts the engine's reason after ours as its own sentence, never a sentence inside brackets", () => {
    const [line] = formatWatchLine({
      event: 'status',
      at: '2026-12-03T10:00:00.000Z',
      watch: 'https://consulat.gouv.fr/consulat-general-de-france-a-londres/rendez-vous',
      status: 'degraded',
      notice: 'degraded',
      reason: "The site's handshake answered HTTP 503; the next check will try again.",
      slots: [],
    } as never);
    expect(line).toMatch(
      /NOTE +Monitoring degraded, still trying more slowly: several checks in a row failed\. Last: The site's handshake answered HTTP 503; the next check will try again\.$/,
    );
    expect(line).not.toContain('.)');
  });
});
