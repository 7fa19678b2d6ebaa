/**
 * Loading of the engine's WebAssembly kernel modules (each kernels.wat is assembled to kernels.wasm next to its
 * compiled module by scripts/build.mjs), and the slice of the WebAssembly JS API they use: TypeScript's ES2023
 * lib and @types/node 20 do not declare the WebAssembly namespace, and declaring it globally could clash with a
 * DOM lib elsewhere.
 */

import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface WasmMemory {
  readonly buffer: ArrayBuffer | SharedArrayBuffer;
}
/** A compiled WebAssembly.Module (opaque here). */
export type WasmModule = object;
export interface WasmApi {
  Module: new (bytes: Uint8Array) => WasmModule;
  Instance: new (mod: WasmModule, imports: object) => { exports: object };
  Memory: new (d: { initial: number; maximum: number; shared?: boolean }) => WasmMemory;
}
/** The runtime's WebAssembly namespace, if any. */
export const WA = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;

/** Bytes of one wasm page. */
export const WASM_PAGE = 65536;

/** Where a .wasm file is: next to the calling module (dist/), or in dist/ when running from src/ (vitest). */
function wasmPath(url: URL): string | null {
  const here = fileURLToPath(url);
  if (existsSync(here)) return here;
  const m = /^(.*)[\\/]src[\\/](.*)$/.exec(here);
  if (m) {
    const dist = `${m[1]}/dist/${m[2]}`;
    if (existsSync(dist)) return dist;
  }
  return null;
}

/** A lazily compiled kernel module: `get()` compiles once per thread; `unavailable` says why it is null. */
export interface LazyWasmModule {
  get(): WasmModule | null;
  /** '' while available (or not yet tried). */
  readonly unavailable: string;
}

/**
 * `url` names the .wasm next to the calling module (`new URL('./kernels.wasm', import.meta.url)`); `needsShared`
 * when the kernels run on a shared memory (worker teams).
 */
export function lazyWasmModule(url: URL, needsShared = false): LazyWasmModule {
  let module: WasmModule | null | undefined;
  let unavailable = '';
  const rel = /[\\/](src|dist)[\\/](.*)$/.exec(fileURLToPath(url))?.[2] ?? 'kernels.wasm';
  return {
    get() {
      if (module !== undefined) return module;
      module = null;
      if (!WA || (needsShared && typeof SharedArrayBuffer !== 'function')) {
        unavailable = needsShared
          ? 'this runtime has no WebAssembly or SharedArrayBuffer'
          : 'this runtime has no WebAssembly';
        return module;
      }
      const path = wasmPath(url);
      if (!path) {
        unavailable = `${rel} is missing (run \`npm run build\`)`;
        return module;
      }
      try {
        module = new WA.Module(readFileSync(path));
      } catch (e) {
        // e.g. a runtime without SIMD or threads
        unavailable = `${rel} does not compile here: ${(e as Error).message}`;
      }
      return module;
    },
    get unavailable() {
      return unavailable;
    },
  };
}
