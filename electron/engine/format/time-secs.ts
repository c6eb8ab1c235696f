// Wireshark's time_secs_to_str (epan/to_str.c): a number of seconds as "1 day, 2 hours,
// 3 minutes, 4 seconds", zero parts left out, "0 seconds" for none. DNS TTLs and DHCP
// lease times are shown this way.

const part = (n: number, unit: string): string => `${n} ${unit}${n === 1 ? '' : 's'}`;

export function timeSecsText(seconds: number): string {
  if (seconds === 0) return '0 seconds';
  const sign = seconds < 0 ? '-' : '';
  let v = Math.abs(seconds);
  const secs = v % 60;
  v = Math.floor(v / 60);
  const mins = v % 60;
  v = Math.floor(v / 60);
  const hours = v % 24;
  const days = Math.floor(v / 24);
  const parts: string[] = [];
  if (days) parts.push(part(days, 'day'));
  if (hours) parts.push(part(hours, 'hour'));
  if (mins) parts.push(part(mins, 'minute'));
  if (secs) parts.push(part(secs, 'second'));
  return sign + parts.join(', ');
}
