/** Looks up a text in the chosen language and fills its `{name}` placeholders. */
import { en } from './en';
import type { Dictionary, MessageKey } from './en';
import { fr } from './fr';

export type Language = 'fr' | 'en';
export type MessageParams = Record<string, string | number>;

export const DICTIONARIES: Record<Language, Dictionary> = { en, fr };

export function translate(language: Language, key: MessageKey, params: MessageParams = {}): string {
  const template = DICTIONARIES[language][key];
  // An unknown placeholder stays visible as `{name}`: a missing value is a bug to see, not to hide.
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}
