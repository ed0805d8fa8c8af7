/** When the consulate next opens new days and whether a check is planned for that moment, in plain words. */
import type { WatchStatus } from '../../../shared/model';
import { wallClockAt, zoneCityName } from '../../../shared/zoned-time';
import { describeInstant, type Translate } from './dates';

export interface ReleaseLineContext {
  now: Date;
  userTimeZone: string;
  t: Translate;
}

/** Undefined when the site publishes no release schedule for this service (or it is not read yet). */
export function releaseLine(status: WatchStatus, context: ReleaseLineContext): string | undefined {
  const release = status.nextRelease;
  const zone = status.target?.timeZone ?? status.outcome?.target?.timeZone;
  if (!release || !zone) return undefined;
  const instant = new Date(release.at);
  if (Number.isNaN(instant.getTime())) return undefined;
  const when = describeInstant(release.at, { ...context, upcoming: true });
  const consulateTime = `${wallClockAt(instant, zone).time} ${zoneCityName(zone)}`;
  return context.t(release.checkPlanned ? 'release.planned' : 'release.notPlanned', { when, consulateTime });
}
