// Child process for the kill -9 test: saves the settings with one more watch per round and says "saved N" once on disk.
import { defaultSettings } from '../../../shared/settings';
import { openSettingsFile } from '../../../src-main/settings/settings-file';

const path = process.argv[2]!;
const repository = openSettingsFile(path);
const { settings } = await repository.load();
for (let n = settings.watches.length + 1; ; n += 1) {
  const next = defaultSettings();
  next.watches = Array.from({ length: n }, (_, i) => ({
    id: `w${i}`,
    bookingUrl: `https://consulat.gouv.fr/consulat-general-de-france-a-londres/rendez-vous?name=Service%20${i}`,
    filter: { weekdays: [1 + (i % 7)] as (1 | 2 | 3 | 4 | 5 | 6 | 7)[] },
    enabled: true,
  }));
  await repository.save(next);
  process.stdout.write(`saved ${n}\n`);
}
