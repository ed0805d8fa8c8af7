/** An alert as an e-mail: subject, plain text and a simple HTML part with the booking link. */
import type { AlertMessage } from './alert-messages';
import { messageText } from './alert-messages';

export interface EmailContent {
  subject: string;
  text: string;
  html: string;
}

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const FOOTER = {
  en: 'Sent by AmbiSlot, which watches the calendar and never books for you.',
  fr: 'Envoyé par AmbiSlot, qui surveille le calendrier et ne réserve jamais à votre place.',
} as const;

export function emailContent(message: AlertMessage): EmailContent {
  const footer = FOOTER[message.language];
  const text = `${messageText(message)}\n\n-- \n${footer}\n`;
  const paragraphs = message.lines.map((line) => `<p>${escapeHtml(line)}</p>`);
  const list =
    message.slotLines.length > 0
      ? `<ul>${message.slotLines.map((line) => `<li>${escapeHtml(line.replace(/^• /, ''))}</li>`).join('')}</ul>`
      : '';
  // Only http(s) links become anchors; anything else stays text (a link is a door, keep it narrow).
  const link =
    message.bookingUrl && /^https?:\/\//i.test(message.bookingUrl)
      ? `<p><strong>${escapeHtml(message.bookingLabel)}</strong> <a href="${escapeHtml(message.bookingUrl)}">${escapeHtml(message.bookingUrl)}</a></p>`
      : '';
  const html = [
    `<!doctype html><html lang="${message.language}"><head><meta charset="utf-8"><title>${escapeHtml(message.title)}</title></head>`,
    '<body style="font-family: sans-serif; line-height: 1.4">',
    `<h2>${escapeHtml(message.title)}</h2>`,
    ...paragraphs,
    list,
    link,
    `<p style="color: #666; font-size: smaller">${escapeHtml(footer)}</p>`,
    '</body></html>',
  ].join('\n');
  return { subject: message.title, text, html };
}
