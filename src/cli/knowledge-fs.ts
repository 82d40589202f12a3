/**
 * Node side of knowledge loading: reads the compiled files from build/knowledge, compiling
 * them first when they are missing or stale (the compile is cached, so this is cheap).
 * Shared by the classify CLI, the tests and the benchmark.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { loadKnowledge, type Knowledge, type KnowledgeReader } from '../classify/knowledge.js';
import { compileKnowledge } from '../knowledge/compile.js';
import { projectRoot } from '../knowledge/paths.js';

export function knowledgeDir(): string {
  return path.join(projectRoot(), 'build', 'knowledge');
}

/** A reader over a folder: whole files as ArrayBuffers, without a copy when possible. */
export function folderReader(dir: string): KnowledgeReader {
  return async (file) => {
    const bytes = await readFile(path.join(dir, file));
    const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
    return (whole ? bytes.buffer : bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)) as ArrayBuffer;
  };
}

/** Makes sure build/knowledge is compiled from the current inputs; progress goes to `log`. */
export async function ensureKnowledge(log: (line: string) => void = (line) => console.error(line)): Promise<string> {
  const dir = knowledgeDir();
  await compileKnowledge(dir, { log });
  return dir;
}

export async function loadBuiltKnowledge(log?: (line: string) => void): Promise<Knowledge> {
  return loadKnowledge(folderReader(await ensureKnowledge(log)));
}
