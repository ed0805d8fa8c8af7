/** Which site, consulate and service a check was about: the stable part of the alert-once key. */
import type { CheckOutcome } from '../../shared/model';
import type { SlotScope } from './seen-slots';
import { siteOf } from './scheduler';

/**
 * The team id (else the slug from the URL) and the service id (else its name) identify a calendar
 * whatever the page language or layout: a consulate's display name changes with the language,
 * so it is the last resort.
 */
export function scopeOf(bookingUrl: string, outcome: CheckOutcome): SlotScope {
  const target = outcome.target;
  const url = target?.bookingUrl ?? bookingUrl;
  return {
    site: siteOf(url),
    consulate: target?.teamId ?? slugOf(url) ?? target?.consulate ?? url,
    service: target?.serviceId ?? target?.service ?? serviceNameOf(url) ?? '',
  };
}

/** `/<slug>/rendez-vous` and `/<lang>/<slug>/appointment`: the slug sits just before the last segment. */
function slugOf(bookingUrl: string): string | undefined {
  try {
    const segments = new URL(bookingUrl).pathname.split('/').filter(Boolean);
    return segments.length >= 2 ? segments[segments.length - 2] : segments[0];
  } catch {
    return undefined;
  }
}

function serviceNameOf(bookingUrl: string): string | undefined {
  try {
    return new URL(bookingUrl).searchParams.get('name') ?? undefined;
  } catch {
    return undefined;
  }
}
