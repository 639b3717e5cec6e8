import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * Asks for the compiler (the one .wasm asset) from the HTML's head, so its
 * download starts with the page rather than after the script has loaded;
 * the script's `compileStreaming(fetch(url))` then takes the preloaded
 * response.
 */
function preloadWasm() {
  return {
    name: 'kirje-preload-wasm',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const wasm = Object.keys(ctx.bundle || {}).filter((f) => f.endsWith('.wasm'));
        return wasm.map((f) => ({
          tag: 'link',
          attrs: { rel: 'preload', href: `./${f}`, as: 'fetch', type: 'application/wasm', crossorigin: '' },
          injectTo: 'head',
        }));
      },
    },
  };
}

const here = fileURLToPath(new URL('.', import.meta.url));

// The static site (default): relative URLs so it works from any folder or
// host path, the compiler as WebAssembly in a worker.
//
// `vite build --mode serve`: the same page for `kirje serve`, which
// renders natively: no wasm, no fonts, no example; fixed file names in
// crates/kirje-cli/editor/, committed and embedded in the binary, so a
// plain `cargo build` has the editor (scripts/build-editor.sh makes it and
// CI fails when it is stale).
export default defineConfig(({ mode }) => {
  const served = mode === 'serve';
  return {
    base: './',
    plugins: served ? [] : [preloadWasm()],
    publicDir: served ? false : 'public',
    resolve: {
      alias: { '#backend': `${here}src/backend-${served ? 'http' : 'wasm'}.js` },
    },
    build: {
      outDir: served ? '../crates/kirje-cli/editor' : 'dist',
      emptyOutDir: true,
      target: 'es2022',
      modulePreload: { polyfill: false },
      assetsInlineLimit: 0,
      chunkSizeWarningLimit: 2048,
      rollupOptions: served
        ? { output: { entryFileNames: 'editor.js', assetFileNames: 'editor[extname]', inlineDynamicImports: true } }
        : {},
    },
    worker: { format: 'es' },
  };
});
