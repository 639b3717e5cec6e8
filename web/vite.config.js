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

// A static site: relative URLs so it works from any folder or host path.
export default defineConfig({
  base: './',
  plugins: [preloadWasm()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 2048,
  },
  worker: { format: 'es' },
});
