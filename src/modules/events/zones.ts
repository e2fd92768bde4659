/**
 * Wall-clock times in IANA time zones, with nothing but `Intl` (no time-zone library): the offset
 * of a zone at an instant, the instant of a wall-clock time in a zone, and the zone's changes of
 * offset over a year (for the calendar's VTIMEZONE).
 */

/** Whether `Intl` knows the zone (`Europe/Zurich`, `America/Mexico_City`, `UTC`). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return /^[A-Za-z]+(\/[A-Za-z0-9_+-]+)*$/.test(zone);
  } catch {
    return false;
  }
}

const partsFormat = new Map<string, Intl.DateTimeFormat>();
function formatter(zone: string): Intl.DateTimeFormat {
  let f = partsFormat.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    partsFormat.set(zone, f);
  }
  return f;
}

/** The wall-clock fields of an instant in a zone. */
export function wallClock(at: Date, zone: string) {
  const parts = Object.fromEntries(formatter(zone).formatToParts(at).map((p) => [p.type, p.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

/** Minutes east of UTC of the zone at that instant (Geneva in summer: 120). */
export function offsetMinutes(at: Date, zone: string): number {
  const w = wallClock(at, zone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return Math.round((asUtc - Math.floor(at.getTime() / 1000) * 1000) / 60_000);
}

/**
 * The instant at which the clocks of `zone` show `day` (`2022-10-05`) at `time` (`14:30`). A clock
 * time skipped or repeated by a change of offset resolves to one of the instants around it.
 */
export function zonedInstant(day: string, time: string, zone: string): Date {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const [hh, mm] = time.split(":").map(Number) as [number, number];
  const wall = Date.UTC(y, m - 1, d, hh, mm);
  const guess = offsetMinutes(new Date(wall), zone);
  const settled = offsetMinutes(new Date(wall - guess * 60_000), zone);
  return new Date(wall - settled * 60_000);
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** `YYYYMMDDTHHMMSS` of the instant's wall clock in the zone (iCalendar's local time). */
export function icalLocal(at: Date, zone: string): string {
  const w = wallClock(at, zone);
  return `${pad(w.year, 4)}${pad(w.month)}${pad(w.day)}T${pad(w.hour)}${pad(w.minute)}${pad(w.second)}`;
}

/** `+0200`, `-0500`, `+0530`. */
const offsetText = (minutes: number) => `${minutes < 0 ? "-" : "+"}${pad(Math.floor(Math.abs(minutes) / 60))}${pad(Math.abs(minutes) % 60)}`;

/** The instants in `[from, to)` at which the zone's offset changes, each with the offsets before and after. */
export function transitions(zone: string, from: Date, to: Date): { at: Date; before: number; after: number }[] {
  const found: { at: Date; before: number; after: number }[] = [];
  const step = 6 * 3600_000;
  let t = from.getTime();
  let current = offsetMinutes(from, zone);
  while (t < to.getTime()) {
    const next = Math.min(t + step, to.getTime());
    const offset = offsetMinutes(new Date(next), zone);
    if (offset !== current) {
      // Narrow down to the minute.
      let lo = t;
      let hi = next;
      while (hi - lo > 60_000) {
        const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
        if (offsetMinutes(new Date(mid), zone) === current) lo = mid;
        else hi = mid;
      }
      found.push({ at: new Date(hi), before: current, after: offset });
      current = offset;
    }
    t = next;
  }
  return found;
}

/**
 * A VTIMEZONE for the zone covering the given years: one observance per change of offset in them
 * (DTSTART in the local time before the change, as RFC 5545 says), or one STANDARD observance for a
 * zone without changes. No RRULE: the changes are listed as they happened (or are scheduled).
 */
export function vtimezone(zone: string, years: readonly number[]): string {
  const first = Math.min(...years);
  const last = Math.max(...years);
  const from = new Date(Date.UTC(first - 1, 11, 1));
  const to = new Date(Date.UTC(last + 1, 0, 31));
  const changes = transitions(zone, from, to);
  const lines = ["BEGIN:VTIMEZONE", `TZID:${zone}`];
  if (changes.length === 0) {
    const offset = offsetText(offsetMinutes(from, zone));
    lines.push("BEGIN:STANDARD", `DTSTART:${first - 1}1201T000000`, `TZOFFSETFROM:${offset}`, `TZOFFSETTO:${offset}`, "END:STANDARD");
  } else {
    const lowest = Math.min(...changes.flatMap((c) => [c.before, c.after]));
    for (const c of changes) {
      const kind = c.after > lowest ? "DAYLIGHT" : "STANDARD";
      // The local time the change happens at, on the clock before it.
      const beforeClock = icalLocal(new Date(c.at.getTime() + c.before * 60_000), "UTC");
      lines.push(`BEGIN:${kind}`, `DTSTART:${beforeClock}`, `TZOFFSETFROM:${offsetText(c.before)}`, `TZOFFSETTO:${offsetText(c.after)}`, `END:${kind}`);
    }
  }
  lines.push("END:VTIMEZONE");
  return lines.join("\r\n");
}
