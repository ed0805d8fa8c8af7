/** The window's language as rune state: the setting, the system's language, and `t()` bound to the result. */
import type { MessageKey } from './en';
import { resolveLanguage } from '../../../shared/settings';
import { translate } from './translate';
import type { Language, MessageParams } from './translate';

export class Locale {
  setting = $state<'system' | Language>('system');
  systemLocale = $state('en');
  readonly language: Language = $derived(resolveLanguage(this.setting, this.systemLocale));

  constructor(systemLocale: string, setting: 'system' | Language = 'system') {
    this.systemLocale = systemLocale;
    this.setting = setting;
  }

  /** Reading `language` here makes every template using `t` redraw when the language changes. */
  t = (key: MessageKey, params?: MessageParams): string => translate(this.language, key, params);
}
