/** The SecretCipher port on Electron safeStorage (Keychain, DPAPI, libsecret/kwallet), where the OS really offers one. */
import type { SafeStorage } from 'electron';
import type { SecretCipher } from './secret-cipher';

export function safeStorageCipher(
  safeStorage: Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'> &
    Partial<Pick<SafeStorage, 'getSelectedStorageBackend'>>,
  platform: NodeJS.Platform,
): SecretCipher {
  // On Linux without a keyring, safeStorage "encrypts" with a hard-coded key (basic_text): no better than plain,
  // so say plainly that it is plain.
  const weak = platform === 'linux' && safeStorage.getSelectedStorageBackend?.() === 'basic_text';
  return {
    available: safeStorage.isEncryptionAvailable() && !weak,
    encrypt: (plain) => safeStorage.encryptString(plain).toString('base64'),
    decrypt: (data) => safeStorage.decryptString(Buffer.from(data, 'base64')),
  };
}
