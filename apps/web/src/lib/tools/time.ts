/** How long ago something happened, in the UI language: „vor 5 Minuten“, „gestern“ … */
export function relativeTime(at: number, now: number, lang: string): string {
  const seconds = Math.round((at - now) / 1000);
  const abs = Math.abs(seconds);
  const format = new Intl.RelativeTimeFormat(lang, { numeric: 'auto' });
  if (abs < 45) return format.format(0, 'second');
  const minutes = Math.round(seconds / 60);
  if (Math.abs(minutes) < 60) return format.format(minutes, 'minute');
  const hours = Math.round(seconds / 3600);
  if (Math.abs(hours) < 24) return format.format(hours, 'hour');
  const days = Math.round(seconds / 86_400);
  if (Math.abs(days) < 7) return format.format(days, 'day');
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium' }).format(at);
}

/** The full date and time (for the `title` and `datetime` of a relative time). */
export function absoluteTime(at: number, lang: string): string {
  return new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeStyle: 'short' }).format(at);
}

/** Today as `YYYY-MM-DD` in local time (what „overdue“ compares due dates with). */
export function localToday(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
