// The form's hand-written part: which fields come first and together, and
// which texts are long. Everything else (the fields themselves, their
// types, which may be left out) comes from the JSON Schemas; a field the
// schema has and this file does not name is still shown, under "other".

/** Groups of each file's top-level fields, in order. */
export const LAYOUT = {
  edition: [
    { group: 'basics', fields: ['number', 'date', 'title', 'intro'] },
    { group: 'news', fields: ['news'] },
    { group: 'events', fields: ['events'] },
    { group: 'videos', fields: ['videos'] },
    { group: 'other', fields: ['sections'] },
  ],
  project: [
    { group: 'basics', fields: ['name', 'acronym', 'tagline', 'programme', 'area', 'period', 'regions'] },
    { group: 'organisations', fields: ['administrator', 'co_implementers', 'partners'] },
    {
      group: 'content',
      fields: ['purpose', 'background', 'key_problems', 'goals', 'perspectives', 'vision', 'target_groups', 'work_packages', 'measures'],
    },
    { group: 'funding', fields: ['funders', 'funding'] },
    { group: 'contacts', fields: ['contacts'] },
    { group: 'links', fields: ['links', 'social'] },
    { group: 'slides', fields: ['slides'] },
  ],
  // kirje.toml's everyday settings; sending and the mailbox stay in the
  // code view (passwords and server addresses are not everyday work).
  settings: [
    { group: 'languages', fields: ['languages'] },
    { group: 'look', fields: ['theme'] },
    { group: 'sender', fields: ['sender', 'base_url'] },
  ],
};

/** Top-level fields a form leaves to the code view. */
export const HIDDEN = { settings: ['send', 'smtp', 'inbox'] };

/** Texts written in Markdown: a toolbar for bold, italic, links and lists. */
export const MARKDOWN = new Set(['Edition.intro', 'News.body', 'Event.description', 'Project.purpose']);

/** Other texts of several lines. */
export const LONG = new Set([
  'Video.description',
  'Project.vision',
  'Partner.text',
  'WorkPackage.description',
  'CustomSlide.body',
  'Contact.description',
]);

/** The field whose text names a list item in its heading. */
export const SUMMARY = ['title', 'name', 'label', 'service', 'url', 'path'];

/** Fields with the editor's date reading, by their `$defs` name and key. */
export const READING = {
  'Edition.date': 'date',
  'News.date': 'news-date',
  'Event.start': 'start',
  'Session.start': 'start',
  'Period.start': 'date',
  'Period.end': 'date',
};

/** An edition's file, as kirje reads them: `editions/<id>.yaml`, one level. */
export function isEdition(path) {
  return /^editions\/[^/]+\.ya?ml$/.test(path);
}

/** The editions among `paths`, oldest first (ids are dates). */
export function editionsOf(paths) {
  return [...paths].filter(isEdition).sort();
}

/** The documents with a form, by path. */
export function documentKind(path) {
  if (path === 'project.yaml') return 'project';
  if (path === 'kirje.toml') return 'settings';
  if (isEdition(path)) return 'edition';
  return null;
}

/** Two paths into a document (keys and indexes) are the same. */
export function samePath(a, b) {
  return a.length === b.length && a.every((x, i) => String(x) === String(b[i]));
}
