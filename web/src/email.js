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

/** A content id's file-name part as kirje makes it (`lumo-logo-svg`). */
function cidName(path) {
  const name = path.split('/').pop();
  return name.replace(/[^A-Za-z0-9]/g, '-').replace(/^-+|-+$/g, '');
}

/**
 * Rewrites every `src` of the email HTML: `cid:` parts and absolute URLs
 * ending in a project file's path point to that file's bytes; any other
 * remote source is dropped (the alt text shows instead).
 */
export function emailForPreview(html, images, files) {
  const paths = [...files.keys()];
  const byCid = new Map();
  for (const img of images || []) {
    const path = paths.find((p) => img.cid.startsWith(`${cidName(p)}.`) && p.split('/').pop() === img.file);
    if (path) byCid.set(img.cid, path);
  }
  const resolve = (src) => {
    if (src.startsWith('cid:')) {
      const path = byCid.get(src.slice(4));
      return path ? urlFor(path, files.get(path)) : '';
    }
    if (/^(data|blob):/i.test(src)) return src;
    const clean = src.split(/[?#]/)[0];
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
