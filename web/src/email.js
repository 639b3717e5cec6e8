// The email as the preview frames show it: images come from the project's
// own files, never from the web address they will have once published, so
// the preview makes no request to another origin.

const urls = new Map(); // path -> blob URL, remade when the bytes change
const made = new Map(); // path -> bytes the URL was made from

const TYPES = { svg: 'image/svg+xml', png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp' };

function urlFor(path, bytes) {
  if (made.get(path) !== bytes) {
    if (urls.has(path)) URL.revokeObjectURL(urls.get(path));
    const ext = path.split('.').pop().toLowerCase();
    urls.set(path, URL.createObjectURL(new Blob([bytes], { type: TYPES[ext] || 'application/octet-stream' })));
    made.set(path, bytes);
  }
  return urls.get(path);
}

/**
 * Rewrites every `src` of the email HTML: `cid:` parts and absolute URLs
 * ending in an email image's archive file (`assets/email/…`) point to that
 * image's bytes, and URLs ending in a project file's path to that file's;
 * any other remote source is dropped (the alt text shows instead).
 */
export function emailForPreview(html, images, files) {
  const paths = [...files.keys()];
  const byCid = new Map();
  const byFile = new Map();
  for (const img of images || []) {
    if (!img.bytes) continue;
    byCid.set(img.cid, img);
    byFile.set(img.file, img);
  }
  const resolve = (src) => {
    if (src.startsWith('cid:')) {
      const img = byCid.get(src.slice(4));
      return img ? urls.get(img.file) ?? urlFor(img.file, img.bytes) : '';
    }
    if (/^(data|blob):/i.test(src)) return src;
    const clean = src.split(/[?#]/)[0];
    for (const [file, img] of byFile) {
      if (clean.endsWith(`/${file}`)) return urls.get(file) ?? urlFor(file, img.bytes);
    }
    const path = paths
      .filter((p) => clean.endsWith(`/${p}`) || clean === p)
      .sort((a, b) => b.length - a.length)[0];
    return path ? urlFor(path, files.get(path)) : '';
  };
  return html.replace(/\b(src|background)=("([^"]*)"|'([^']*)')/gi, (all, attr, _q, dq, sq) => {
    const src = (dq ?? sq ?? '').replace(/&amp;/g, '&');
    return `${attr}="${resolve(src)}"`;
  });
}
