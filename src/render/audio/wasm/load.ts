/**
 * purpose: compile a committed WebAssembly kernel (base64, made by scripts/build-wasm.ts) once, in Node or a
 * browser; null where the runtime cannot (no WebAssembly, or no SIMD for a kernel that needs it), so callers keep
 * their JavaScript loop.
 *
 * @example
 *   const mod = compileWasm(WASM_BASE64); // WebAssembly.Module | null
 */
export function compileWasm(base64: string): WebAssembly.Module | null {
  try {
    const bin = atob(base64);
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    return new WebAssembly.Module(bytes);
  } catch {
    return null;
  }
}
