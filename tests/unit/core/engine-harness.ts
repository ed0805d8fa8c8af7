/** Builds an engine on a fake clock and a scripted provider, and records every event it emits. */
import type { Watch } from '../../../shared/model';
import { Engine } from '../../../src-main/core/engine';
import type { EngineOptions } from '../../../src-main/core/engine';
import type { EngineEventName, EngineEvents } from '../../../src-main/core/engine-events';
import { FakeClock } from '../../support/fake-clock';
import { LONDON, ScriptedProvider } from './scripted-provider';
import type { Step } from './scripted-provider';

export const MINUTE = 60_000;

export function watch(id: string, fields: Partial<Watch> = {}): Watch {
  return { id, bookingUrl: LONDON.bookingUrl, filter: {}, enabled: true, ...fields };
}

/** Jitter 0 by default (uniform 0.5), so tests can name exact times. */
export const noJitter = { next: () => 0.5 };

export function harness(steps: Step[], options: Partial<EngineOptions> = {}) {
  const clock = new FakeClock();
  const provider = new ScriptedProvider(clock, steps);
  const engine = new Engine({ provider, clock, random: noJitter, siteSpacingMs: 0, ...options });
  const events: { name: EngineEventName; payload: unknown }[] = [];
  const names: EngineEventName[] = [
    'new-slots',
    'gone',
    'status',
    'degraded',
    'recovered',
    'action-needed',
    'blocked',
    'memory-problem',
  ];
  for (const name of names) engine.on(name, (payload) => events.push({ name, payload }));
  const of = <E extends EngineEventName>(name: E): EngineEvents[E][] =>
    events.filter((e) => e.name === name).map((e) => e.payload as EngineEvents[E]);
  return { clock, provider, engine, events, of };
}
