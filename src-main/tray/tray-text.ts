/** The tray's words in French and English. */
import type { TrayState } from './tray-state';

export type ShellLanguage = 'fr' | 'en';

export const TRAY_TEXT = {
  en: {
    open: 'Open AmbiSlot',
    checkNow: 'Check now',
    pause: 'Pause checks',
    resume: 'Resume checks',
    openBooking: (name: string, count: number) => `Book: ${name} (${count} slot${count === 1 ? '' : 's'})`,
    quit: 'Quit AmbiSlot',
    lastCheck: 'Last check',
    nextCheck: 'Next check',
    never: 'not yet',
    none: 'none planned',
    noWatch: 'No watch yet',
    states: {
      idle: 'Watching',
      checking: 'Checking…',
      'slots-found': 'Slots found',
      'needs-attention': 'Needs your attention',
      paused: 'Paused',
    } satisfies Record<TrayState, string>,
  },
  fr: {
    open: 'Ouvrir AmbiSlot',
    checkNow: 'Vérifier maintenant',
    pause: 'Suspendre les vérifications',
    resume: 'Reprendre les vérifications',
    openBooking: (name: string, count: number) =>
      `Réserver : ${name} (${count} créneau${count === 1 ? '' : 'x'})`,
    quit: 'Quitter AmbiSlot',
    lastCheck: 'Dernière vérification',
    nextCheck: 'Prochaine vérification',
    never: 'pas encore',
    none: 'aucune prévue',
    noWatch: 'Aucune surveillance',
    states: {
      idle: 'Surveillance active',
      checking: 'Vérification…',
      'slots-found': 'Créneaux trouvés',
      'needs-attention': 'Votre attention est requise',
      paused: 'En pause',
    } satisfies Record<TrayState, string>,
  },
} as const;
