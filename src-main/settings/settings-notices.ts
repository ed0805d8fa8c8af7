/** One sentence per settings notice, told once in the Activity view (and the CLI's output). */
import type { SettingsNotice } from './settings-repository';

export function describeSettingsNotice(notice: SettingsNotice): string {
  switch (notice.kind) {
    case 'restored-last-good':
      return `The settings file was damaged (${notice.error}); the last good copy was restored and the damaged file kept at ${notice.keptAt}.`;
    case 'started-from-defaults':
      return `The settings file was damaged and no good copy existed; AmbiSlot started with default settings and kept the damaged file at ${notice.keptAt}.`;
    case 'restored-missing':
      return `The settings file was missing; the last good copy (${notice.from}) was restored.`;
    case 'migrated':
      return `The settings were updated from an older AmbiSlot (format ${notice.fromVersion}); the old file is kept at ${notice.keptAt}.`;
    case 'secrets-stored-plainly':
      return `No system keychain is available: ${notice.paths.join(', ')} ${notice.paths.length === 1 ? 'is' : 'are'} stored unencrypted (marked "plain") in the settings file.`;
    case 'secret-unreadable':
      return `A saved secret (${notice.path}) could not be decrypted on this machine; enter it again in the settings.`;
  }
}
