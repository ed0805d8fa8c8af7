/** Reads the alert settings of the app's settings file for the command line, without ever writing to it. */
import { readFile } from 'node:fs/promises';
import { formatAlertSettingsIssues, parseAlertSettings } from '../../shared/alert-settings';
import type { AlertSettings } from '../../shared/alert-settings';
import { migrateSettings } from '../../shared/settings-migrations';
import { unsealSecrets, noCipher } from '../settings/secret-cipher';
import type { CommandIo } from './command-args';

/** The settings file cannot be used as it is; the message says why. */
export class ConfigError extends Error {}

/**
 * The alert settings of a settings file, read the way the app reads it (our migrations, then the secrets
 * opened) but without writing anything: a test must never rewrite the person's settings.
 */
export async function readAlertSettings(path: string, io: CommandIo): Promise<AlertSettings> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`Cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(
      `${path} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  let document: Record<string, unknown>;
  try {
    document = migrateSettings(raw).document;
  } catch (error) {
    throw new ConfigError(`${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  // Without Electron there is no keychain: secrets sealed by the app cannot be opened here (told below).
  const { opened, notices } = unsealSecrets(document, noCipher);
  for (const notice of notices) {
    if (notice.kind === 'secret-unreadable') {
      io.err(
        `${notice.path} is encrypted with the app's keychain and cannot be read from the command line; use the app's "send test alert" button, or a settings file with that secret in plain text.`,
      );
    }
  }
  const parsed = parseAlertSettings(opened.alerts);
  if (!parsed.ok)
    throw new ConfigError(`${path} has invalid alert settings:\n${formatAlertSettingsIssues(parsed.issues)}`);
  return parsed.value;
}
