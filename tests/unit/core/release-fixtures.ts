/** Check times around an appearance just after 18:20 Montreal, one pair a day: the check before it, the one that saw it. */
// Each day's checks fall differently (jitter), so each day brackets the appearance its own way.
export const AROUND_1820: readonly [string, string][] = [
  ['18:04', '18:21'],
  ['18:12', '18:24'],
  ['18:17', '18:33'],
  ['18:06', '18:22'],
  ['18:19', '18:36'],
  ['18:10', '18:27'],
];
