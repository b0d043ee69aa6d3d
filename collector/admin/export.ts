import type { StoredEvent } from '../store/types';

/** Raw-event export formats. CSV columns are fixed; props are one JSON-encoded column. */
export const CSV_COLUMNS = ['id', 'name', 'ts', 'receivedAt', 'sid', 'vid', 'uid', 'aid', 'url', 'el', 'kind', 'dur', 'guide', 'props'] as const;

export function toNdjsonLine(event: StoredEvent): string {
  const { siteId: _siteId, ...rest } = event;
  return `${JSON.stringify(rest)}\n`;
}

export function toCsvLine(event: StoredEvent): string {
  return `${CSV_COLUMNS.map((column) => csvCell(column === 'props' ? (event.props ? JSON.stringify(event.props) : '') : event[column])).join(',')}\n`;
}

export function csvCell(value: unknown): string {
  if (value === undefined || value === null) return '';
  let text = String(value);
  // Spreadsheets run cells that start with = + - @ as formulas; a leading quote keeps them text.
  if (/^[=+\-@\t\r]/.test(text) && typeof value === 'string') text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
