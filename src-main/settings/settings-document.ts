/** The port to where one settings document lives (a plain JSON file, or electron-store in the app). */

export type RawDocumentRead =
  | { kind: 'missing' }
  | { kind: 'ok'; raw: unknown }
  /** The bytes are there but are not JSON (garbage, a half-written file from another tool). */
  | { kind: 'unreadable'; error: string };

export interface SettingsDocument {
  /** The file on disk: the repository keeps a corrupt one aside by renaming it. */
  readonly path: string;
  read(): Promise<RawDocumentRead>;
  /** Must be atomic: a crash leaves the old or the new file, never a broken one (case D3). */
  write(doc: object): Promise<void>;
}
