// Reading a project folder in the browser (File System Access API, a folder
// picked with <input webkitdirectory>, or one dropped on the page) and
// writing edited files back. The same limits as the CLI: hidden files and
// dist/, target/, node_modules/ are left out, at most 5 000 files, 8 deep.

const SKIP_DIRS = new Set(['dist', 'target', 'node_modules', '.git']);
const MAX_FILES = 5000;
const MAX_DEPTH = 8;

function skipped(rel) {
  const parts = rel.split('/');
  return (
    parts.length > MAX_DEPTH + 1 ||
    parts.some((p) => p.startsWith('.')) ||
    (parts.length > 1 && SKIP_DIRS.has(parts[0]))
  );
}

/** Every file under a FileSystemDirectoryHandle: path -> Uint8Array. */
export async function readDirectoryHandle(dir) {
  const out = new Map();
  async function walk(handle, prefix) {
    for await (const [name, entry] of handle.entries()) {
      const rel = prefix + name;
      if (out.size >= MAX_FILES || skipped(rel)) continue;
      if (entry.kind === 'directory') await walk(entry, `${rel}/`);
      else out.set(rel, new Uint8Array(await (await entry.getFile()).arrayBuffer()));
    }
  }
  await walk(dir, '');
  return out;
}

/** The files of <input type=file webkitdirectory>, without the folder's own name. */
export async function readFileList(list) {
  const out = new Map();
  for (const f of list) {
    const rel = (f.webkitRelativePath || f.name).split('/');
    const path = rel.length > 1 ? rel.slice(1).join('/') : rel[0];
    if (out.size >= MAX_FILES || skipped(path)) continue;
    out.set(path, new Uint8Array(await f.arrayBuffer()));
  }
  return out;
}

function readEntries(reader) {
  return new Promise((resolve, reject) => reader.readEntries(resolve, reject));
}

function entryFile(entry) {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

/** A dropped folder (or loose files): path -> Uint8Array. */
export async function readDropped(transfer) {
  const out = new Map();
  const roots = [...transfer.items].map((i) => i.webkitGetAsEntry && i.webkitGetAsEntry()).filter(Boolean);
  // One dropped folder is the project itself; its name is not part of the paths.
  const single = roots.length === 1 && roots[0].isDirectory;
  async function walk(entry, prefix) {
    if (out.size >= MAX_FILES) return;
    if (entry.isDirectory) {
      const reader = entry.createReader();
      for (;;) {
        const batch = await readEntries(reader);
        if (!batch.length) break;
        for (const e of batch) {
          const rel = prefix + e.name;
          if (!skipped(rel)) await walk(e, e.isDirectory ? `${rel}/` : rel);
        }
      }
    } else {
      const f = await entryFile(entry);
      out.set(prefix, new Uint8Array(await f.arrayBuffer()));
    }
  }
  for (const r of roots) {
    if (single) await walk(r, '');
    else if (!skipped(r.name)) await walk(r, r.isDirectory ? `${r.name}/` : r.name);
  }
  return out;
}

/** Writes [path, bytes] pairs under a FileSystemDirectoryHandle. */
export async function writeFiles(dir, files) {
  for (const [path, bytes] of files) {
    const parts = path.split('/');
    let d = dir;
    for (const p of parts.slice(0, -1)) d = await d.getDirectoryHandle(p, { create: true });
    const fh = await d.getFileHandle(parts[parts.length - 1], { create: true });
    const w = await fh.createWritable();
    await w.write(bytes);
    await w.close();
  }
}
