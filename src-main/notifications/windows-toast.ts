/** The Windows toast XML: a click activates ambislot://open?url=… so it still works from the Action Center after a restart. */
import { openPageProtocolUrl, PROTOCOL_SCHEME } from '../protocol/protocol-url';

function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/**
 * Protocol activation rather than the default (which only reaches a live Notification object): Windows launches
 * `ambislot://…`, which a running instance receives through `second-instance` and a stopped one in its argv.
 */
export function windowsToastXml(input: {
  title: string;
  body: string;
  bookingUrl?: string;
  silent?: boolean;
}): string {
  const launch = input.bookingUrl ? openPageProtocolUrl(input.bookingUrl) : `${PROTOCOL_SCHEME}://show`;
  const lines = input.body
    .split('\n')
    .filter((line) => line.trim() !== '')
    .slice(0, 2)
    .map((line) => `<text>${escapeXml(line)}</text>`)
    .join('');
  return (
    `<toast activationType="protocol" launch="${escapeXml(launch)}">` +
    `<visual><binding template="ToastGeneric"><text>${escapeXml(input.title)}</text>${lines}</binding></visual>` +
    (input.silent ? '<audio silent="true"/>' : '') +
    `</toast>`
  );
}
