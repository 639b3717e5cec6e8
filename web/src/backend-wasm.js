// The compiler in the browser: kirje built to WebAssembly, in a worker
// (worker.js). The page talks to it by messages; backend-http.js answers
// the same messages from `kirje serve`.

import wasmUrl from '../pkg/kirje_wasm_bg.wasm?url';

/** The project's files live in the page; nothing is saved anywhere else. */
export const SERVED = false;

// The compiler is fetched and compiled from the first moment, while the
// page and the worker's script still load; the worker gets the compiled
// module (null where this fails: the worker then fetches it itself).
const wasmModule =
  typeof WebAssembly.compileStreaming === 'function'
    ? WebAssembly.compileStreaming(fetch(wasmUrl)).catch(() => null)
    : Promise.resolve(null);

/**
 * A compiler: `postMessage(msg)` and `terminate()`; answers go to
 * `onMessage`, a crash of the worker to `onCrash(text)`. `mark(name)`
 * notes when the compiler was compiled.
 */
export function createCompiler({ onMessage, onCrash, lang, mark }) {
  const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
  worker.onmessage = (e) => onMessage(e.data);
  worker.onerror = (e) => {
    e.preventDefault();
    onCrash(e.message ? ` (${e.message})` : '');
  };
  wasmModule.then((module) => {
    mark('wasm_compiled');
    worker.postMessage({ type: 'init', base: new URL('./', document.baseURI).href, lang, module });
  });
  return worker;
}
