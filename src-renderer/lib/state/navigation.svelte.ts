/** Which view the window shows, and which watch the editor edits. */

export type View = 'slots' | 'editor' | 'activity' | 'insight' | 'settings';

export class Navigation {
  view = $state<View>('slots');
  /** The watch being edited; undefined in the editor means "add a new one". */
  editingId = $state<string | undefined>(undefined);

  go(view: View): void {
    if (view === 'editor') this.editingId = undefined;
    this.view = view;
  }

  edit(id: string): void {
    this.editingId = id;
    this.view = 'editor';
  }
}
