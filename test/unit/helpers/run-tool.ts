/**
 * Runs one of the real command-line tools (src/cli/<tool>.ts, as `npm run <tool>` does) in a
 * child process, with a deadline: a tool that hangs fails the test instead of stalling it.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = path.resolve(import.meta.dirname, '../../..');
/** tsx resolved from the project, so that a tool can run in any folder. */
const TSX = pathToFileURL(createRequire(path.join(root, 'package.json')).resolve('tsx')).href;

export interface ToolRun {
  /** null when the tool was killed at the deadline */
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

export function runTool(
  tool: string,
  args: string[],
  options: { cwd?: string; stdin?: string; deadlineMs?: number } = {},
): Promise<ToolRun> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', TSX, path.join(root, 'src/cli', `${tool}.ts`), ...args], {
      cwd: options.cwd ?? root,
    });
    let stdout = '';
    let stderr = '';
    const deadline = setTimeout(() => child.kill('SIGKILL'), options.deadlineMs ?? 30_000);
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(deadline);
      resolve({ code, stdout, stderr, ms: Date.now() - started });
    });
    child.stdin.on('error', () => {}); // a tool that exits before reading all its input
    child.stdin.end(options.stdin ?? '');
  });
}
