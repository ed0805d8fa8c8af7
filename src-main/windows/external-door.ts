/** The shell's one door to shell.openExternal: every link passes shared/external-links.ts first. */
import { checkExternalLink } from '../../shared/external-links';
import type { ExternalLinkVerdict } from '../../shared/external-links';

export interface ExternalDoorDeps {
  /** `shell.openExternal` in the app. */
  openExternal: (url: string) => Promise<void>;
  /** Booking URLs of the current watches: their hosts are allowed. */
  watchUrls: () => readonly string[];
  log?: (line: string) => void;
}

export type ExternalDoor = (url: unknown) => Promise<ExternalLinkVerdict>;

export function createExternalDoor(deps: ExternalDoorDeps): ExternalDoor {
  return async (url) => {
    const verdict = checkExternalLink(url, { watchUrls: deps.watchUrls() });
    if (!verdict.allowed) {
      deps.log?.(`Refused to open a link: ${verdict.reason}.`);
      return verdict;
    }
    await deps.openExternal(verdict.url);
    return verdict;
  };
}
