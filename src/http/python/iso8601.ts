// oslo_utils.timeutils.parse_isotime = iso8601.parse_date (Debian's python3-iso8601): the one
// regex nova's 'date-time' format and changes-since/changes-before go through. Anything else
// (2011/01/01, 1, a month 13) is a ParseError, so a 400. Python's `$` also matches before a
// final newline; a missing time zone means UTC.
const ISO8601 = new RegExp(
  '^(?<year>[0-9]{4})('
  + '((-(?<monthdash>[0-9]{1,2}))|(?<month>[0-9]{2})(?!\\n?$))'
  + '(((-(?<daydash>[0-9]{1,2}))|(?<day>[0-9]{2}))'
  + '(((?<separator>[ T])(?<hour>[0-9]{2})(:?(?<minute>[0-9]{2}))?'
  + '(:?(?<second>[0-9]{1,2})([.,](?<fraction>[0-9]+))?)?'
  + '(?<timezone>Z|((?<tzSign>[-+])(?<tzHour>[0-9]{2}):?(?<tzMinute>[0-9]{2})?))?)?))?)?\\n?$',
);

const daysIn = (y: number, m: number) => [31, (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;

/** Milliseconds since the epoch (microseconds truncated), or null where Python raises. */
export function parseIsoTime(s: string): number | null {
  const g = ISO8601.exec(s)?.groups;
  if (!g) return null;
  const int = (v: string | undefined, d: number) => (v === undefined ? d : Number.parseInt(v, 10));
  const year = int(g.year, 0);
  const month = int(g.month ?? g.monthdash, 1);
  const day = int(g.day ?? g.daydash, 1);
  const hour = int(g.hour, 0);
  const minute = int(g.minute, 0);
  const second = int(g.second, 0);
  // datetime() range checks
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || hour > 23 || minute > 59 || second > 59) return null;
  let offset = 0;
  if (g.timezone !== undefined && g.timezone !== 'Z') {
    const h = int(g.tzHour, 0);
    const m = int(g.tzMinute, 0);
    // datetime.timezone wants strictly less than 24 hours
    if (h * 60 + m >= 24 * 60) return null;
    offset = (g.tzSign === '-' ? -1 : 1) * (h * 60 + m);
  }
  const micro = g.fraction === undefined ? 0 : Math.floor(Number(`0.${g.fraction}`) * 1e6);
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(hour, minute, second, Math.floor(micro / 1000));
  return d.getTime() - offset * 60_000;
}

/** The instant as an ISO string in UTC (what the stores compare), or null where Python raises. */
export function isoTimeToUtcString(s: string): string | null {
  const t = parseIsoTime(s);
  return t === null ? null : new Date(t).toISOString();
}
