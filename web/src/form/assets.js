// Names for pictures dropped into the editor: the file goes to assets/
// under a name every server and every output takes, and a different
// picture with the same name gets a number instead of replacing it.

const IMAGE_EXT = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/svg+xml': 'svg' };

/** `Perhetalon ovi (kesä).JPG` → {stem: 'perhetalon-ovi-kesa', ext: 'jpg'}. */
export function cleanName(name, type) {
  const dot = name.lastIndexOf('.');
  const stem =
    (dot > 0 ? name.slice(0, dot) : name)
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9_-]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'kuva';
  return { stem: stem.slice(0, 60), ext: IMAGE_EXT[type] || (dot > 0 ? name.slice(dot + 1).toLowerCase() : 'jpg') };
}

/**
 * Where a picture goes in `files` (path -> bytes): its cleaned name, the
 * same path when the same bytes are there already, else the name with -2,
 * -3, … added.
 */
export function assetPath(files, name, type, bytes) {
  const { stem, ext } = cleanName(name, type);
  let path = `assets/${stem}.${ext}`;
  for (let n = 2; files.has(path); n++) {
    const there = files.get(path);
    if (there.length === bytes.length && there.every((b, i) => b === bytes[i])) return path;
    path = `assets/${stem}-${n}.${ext}`;
  }
  return path;
}
