/**
 * The README and docs/ show code people copy: every TypeScript example type-checks against
 * the code as it is, and every concrete `npm run classify` example (no `<placeholder>`, no
 * redirection) runs offline and answers. An example that names a function nobody exports any
 * more fails here. A block preceded by `<!-- typecheck: <folder> -->` is checked as a file of
 * that folder (for relative imports); the others as a file of the repository's root folder.
 */
import { test, expect } from '@playwright/test';
import { execFile } from 'node:child_process';
import { readFile, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const root = path.resolve(import.meta.dirname, '../..');
const run = promisify(execFile);

interface Example {
  file: string;
  language: string;
  code: string;
  /** where a TypeScript example is checked from */
  folder: string;
}

/** The fenced code blocks of a Markdown text. */
export function examplesOf(file: string, markdown: string): Example[] {
  const examples: Example[] = [];
  const fence = /(?:<!-- typecheck: ([\w./-]+) -->\s*)?```(\w+)\n([\s\S]*?)\n```/g;
  for (const match of markdown.matchAll(fence)) {
    examples.push({ file, folder: match[1] ?? '.', language: match[2]!, code: match[3]! });
  }
  return examples;
}

async function documentedExamples(): Promise<Example[]> {
  const files = ['README.md', ...(await readdir(path.join(root, 'docs'))).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
  const all = await Promise.all(files.map(async (file) => examplesOf(file, await readFile(path.join(root, file), 'utf8'))));
  return all.flat();
}

/** Type-checks the examples as files of their folders, with the project's compiler options; returns tsc's findings. */
async function typeCheck(examples: Example[]): Promise<string> {
  // The configuration sits in the repository so that it finds the same type packages.
  const config = path.join(root, `.doc-examples-${process.pid}.tsconfig.json`);
  const written: string[] = [];
  try {
    for (const [index, example] of examples.entries()) {
      const file = path.join(root, example.folder, `.doc-example-${process.pid}-${index}.ts`);
      await writeFile(file, `// ${example.file}\n${example.code}\n`);
      written.push(file);
    }
    await writeFile(config, JSON.stringify({ extends: './tsconfig.json', include: written.map((file) => path.relative(root, file)) }));
    try {
      await run(path.join(root, 'node_modules/.bin/tsc'), ['--noEmit', '-p', config], { cwd: root });
      return '';
    } catch (error) {
      return String((error as { stdout?: string }).stdout ?? error);
    }
  } finally {
    await Promise.all(written.map((file) => rm(file, { force: true })));
    await rm(config, { force: true });
  }
}

test('every TypeScript example of the README and docs/ type-checks against the code', async () => {
  const examples = (await documentedExamples()).filter((e) => e.language === 'ts');
  expect(examples.length, "the README's fixture example and docs/testing.md's at least").toBeGreaterThanOrEqual(2);
  expect(await typeCheck(examples)).toBe('');
});

test('the check fails for an example that uses what the code does not have', async () => {
  const [broken] = examplesOf('broken.md', "```ts\nimport { waitForRequests } from './src/audit/read-store.js';\nwaitForRequests();\n```");
  expect(await typeCheck([broken!])).toMatch(/waitForRequests/);
});

test('every concrete classify example of the README and docs/ runs offline and answers in JSON', async () => {
  test.setTimeout(120_000);
  const lines = (await documentedExamples())
    .filter((e) => e.language === 'sh')
    .flatMap((e) => e.code.split('\n'))
    .map((line) => line.replace(/\s+#.*$/, '').trim())
    // Concrete: a real address on the line, nothing to read from standard input.
    .filter((line) => line.startsWith('npm run classify') && !/[<>|]/.test(line) && /\shttps?:\/\//.test(line));
  expect(lines.length).toBeGreaterThanOrEqual(1);
  for (const line of lines) {
    const args = line
      .split(/\s+/)
      .slice(3)
      .filter((arg) => arg !== '--');
    // Standard input closed: with arguments the tool must not wait for lines.
    const pending = run(process.execPath, [path.join(root, 'src/cli/run-tool.mjs'), 'classify', ...args], { cwd: root });
    pending.child.stdin?.end();
    const { stdout } = await pending;
    const answers = stdout
      .trim()
      .split('\n')
      .map((text) => JSON.parse(text) as Record<string, unknown>);
    expect(
      answers.every((answer) => typeof answer.url === 'string' && !('error' in answer)),
      line,
    ).toBe(true);
  }
});
