// `npm run replica`: starts the replica for a person and prints every booking URL; Ctrl-C stops it.
import { parseArgs } from 'node:util';
import { startReplica } from './server';
import type { CaptchaMode } from './state';

const { values } = parseArgs({
  options: {
    'port-site': { type: 'string' },
    'port-api': { type: 'string' },
    captcha: { type: 'string' },
    now: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});

if (values.help) {
  console.log(`Usage: npm run replica -- [--port-site N] [--port-api N] [--captcha off|invisible|interactive] [--now ISO]
  --now starts the virtual clock at an instant (it keeps running), e.g. --now 2026-10-25T14:00:00Z`);
  process.exit(0);
}

const captcha = values.captcha as CaptchaMode | undefined;
if (captcha && !['off', 'invisible', 'interactive'].includes(captcha)) {
  console.error(`--captcha must be off, invisible or interactive (got ${captcha})`);
  process.exit(2);
}

const replica = await startReplica({
  sitePort: values['port-site'] ? Number(values['port-site']) : 0,
  apiPort: values['port-api'] ? Number(values['port-api']) : 0,
  ...(captcha ? { captcha } : {}),
  ...(values.now ? { now: values.now } : {}),
  clock: 'running',
});

console.log(`consulat.gouv.fr replica
  site:    ${replica.siteOrigin}
  api:     ${replica.apiBase}
  control: ${replica.apiOrigin}/__ctl/state  (loopback only)
  clock:   ${replica.control.clock.nowIso()} (running)
`);
for (const team of replica.control.teams()) {
  console.log(`${team.name}  [${team.timezone}]`);
  for (const service of team.reservations_shop_availabilty.filter((candidate) => candidate.is_open)) {
    console.log(`  ${service.name}`);
    console.log(`    FR ${replica.bookingUrl(team.slug, { name: service.name })}`);
    console.log(`    EN ${replica.bookingUrl(team.slug, { lang: 'en', name: service.name })}`);
  }
}
console.log('\nCtrl-C to stop.');

const stop = (): void => {
  void replica.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
