// A short list of the calendar's events for the Calendar tab, read back
// from the ICS kirje made (unfolded lines, VEVENT blocks).

function unescape(v) {
  return v.replace(/\\n/gi, ' ').replace(/\\([,;\\])/g, '$1');
}

function when(value, lang) {
  const m = /(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2}))?/.exec(value || '');
  if (!m) return value || '';
  const [, y, mo, d, h, mi] = m;
  const date = lang === 'en' ? `${y}-${mo}-${d}` : `${Number(d)}.${Number(mo)}.${y}`;
  if (!h) return date;
  return lang === 'en' ? `${date} ${h}:${mi}` : `${date} ${h}.${mi}`;
}

/** The events of an ICS text: {summary, when, location}. */
export function parseIcs(text, lang) {
  const lines = text.replace(/\r\n[ \t]/g, '').split(/\r?\n/);
  const events = [];
  let ev = null;
  for (const line of lines) {
    if (line === 'BEGIN:VEVENT') ev = {};
    else if (line === 'END:VEVENT' && ev) {
      events.push({ summary: ev.SUMMARY || '', when: when(ev.DTSTART, lang), location: ev.LOCATION || '' });
      ev = null;
    } else if (ev) {
      const i = line.indexOf(':');
      if (i > 0) ev[line.slice(0, i).split(';')[0]] = unescape(line.slice(i + 1));
    }
  }
  return events;
}
