/** build/knowledge/owners.bin, embedded in the worker bundle as base64 (build.mjs: loader `.bin: 'base64'`). */
declare module '*.bin' {
  const base64: string;
  export default base64;
}
