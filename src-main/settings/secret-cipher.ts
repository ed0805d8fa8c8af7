/** Secrets at rest: the cipher port (safeStorage in the app) and the sealing of the settings' secret fields. */
import { ALERT_SECRET_PATHS } from '../../shared/alert-settings';

/** Encrypts with the operating system's keychain; `available` is false where the OS offers none. */
export interface SecretCipher {
  readonly available: boolean;
  /** Base64 of the encrypted bytes. */
  encrypt(plain: string): string;
  decrypt(base64: string): string;
}

/** No keychain (the CLI, a Linux session without a secret service): secrets are stored plainly, marked so. */
export const noCipher: SecretCipher = {
  available: false,
  encrypt: () => {
    throw new Error('No keychain is available to encrypt secrets.');
  },
  decrypt: () => {
    throw new Error('No keychain is available to decrypt secrets.');
  },
};

/** How a secret sits in the file: never a bare string, so a reader always knows whether it is protected. */
export type SealedSecret = { $secret: 'os-keychain'; data: string } | { $secret: 'plain'; value: string };

export type SecretNotice =
  | { kind: 'secrets-stored-plainly'; paths: string[] }
  | { kind: 'secret-unreadable'; path: string; error: string };

function isSealed(value: unknown): value is SealedSecret {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    (v.$secret === 'os-keychain' && typeof v.data === 'string') ||
    (v.$secret === 'plain' && typeof v.value === 'string')
  );
}

/** Visits each secret field of a settings document (under `alerts`) that holds a value. */
function eachSecret(
  doc: Record<string, unknown>,
  visit: (holder: Record<string, unknown>, key: string, path: string) => void,
) {
  for (const path of ALERT_SECRET_PATHS) {
    let holder: unknown = doc.alerts;
    for (const key of path.slice(0, -1)) {
      holder =
        typeof holder === 'object' && holder !== null ? (holder as Record<string, unknown>)[key] : undefined;
    }
    const last = path[path.length - 1]!;
    if (typeof holder === 'object' && holder !== null && last in holder) {
      visit(holder as Record<string, unknown>, last, ['alerts', ...path].join('.'));
    }
  }
}

/** A copy of `doc` whose non-empty secrets are sealed; says which ones could only be stored plainly. */
export function sealSecrets<T extends object>(
  doc: T,
  cipher: SecretCipher,
): { sealed: T; notices: SecretNotice[] } {
  const sealed = structuredClone(doc) as T & Record<string, unknown>;
  const plainPaths: string[] = [];
  eachSecret(sealed, (holder, key, path) => {
    const value = holder[key];
    if (typeof value !== 'string' || value === '') return;
    if (cipher.available)
      holder[key] = { $secret: 'os-keychain', data: cipher.encrypt(value) } satisfies SealedSecret;
    else {
      holder[key] = { $secret: 'plain', value } satisfies SealedSecret;
      plainPaths.push(path);
    }
  });
  const notices: SecretNotice[] =
    plainPaths.length > 0 ? [{ kind: 'secrets-stored-plainly', paths: plainPaths }] : [];
  return { sealed, notices };
}

/**
 * A copy of `doc` with secrets opened. A secret the keychain cannot open (another machine, a reset keychain)
 * becomes empty with a notice: the person types it again; the rest of the settings still load.
 */
export function unsealSecrets(
  doc: Record<string, unknown>,
  cipher: SecretCipher,
): { opened: Record<string, unknown>; notices: SecretNotice[] } {
  const opened = structuredClone(doc);
  const notices: SecretNotice[] = [];
  eachSecret(opened, (holder, key, path) => {
    const value = holder[key];
    if (!isSealed(value)) return;
    if (value.$secret === 'plain') {
      holder[key] = value.value;
      return;
    }
    try {
      holder[key] = cipher.decrypt(value.data);
    } catch (error) {
      holder[key] = '';
      notices.push({
        kind: 'secret-unreadable',
        path,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  });
  return { opened, notices };
}
