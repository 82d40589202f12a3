/**
 * An esbuild plugin that takes the one `innerHTML` assignment out of Preact: the one behind
 * `dangerouslySetInnerHTML`, which Upstream never uses (everything it shows from pages and
 * files is text). Mozilla's add-on linter warns on any such assignment (UNSAFE_VAR_ASSIGNMENT,
 * once per bundle that holds Preact), and a reviewer cannot tell from the bundle that it is
 * dead code; without it, no markup from a string can reach the DOM through Preact at all.
 * If a Preact upgrade changes that code, the build fails here rather than shipping it unseen.
 */
import { readFile } from 'node:fs/promises';
import type { Plugin } from 'esbuild';

/** `element.innerHTML = props.dangerouslySetInnerHTML.__html`, as Preact's published bundle writes it. */
const PREACT_SINK = /\b(\w+)\.innerHTML=(\w+)\.__html\b/g;
const REFUSAL = '(function(){throw new Error("Upstream: dangerouslySetInnerHTML is disabled (src/release/no-inner-html.ts)")})()';

/** Preact's source with its innerHTML sink replaced by a refusal; throws unless there is exactly one. */
export function withoutInnerHtmlSink(source: string, file: string): string {
  const sinks = source.match(PREACT_SINK) ?? [];
  if (sinks.length !== 1) {
    throw new Error(
      `${file}: expected Preact's one dangerouslySetInnerHTML assignment, found ${sinks.length}; update src/release/no-inner-html.ts for this Preact version`,
    );
  }
  return source.replace(PREACT_SINK, REFUSAL);
}

export function noInnerHtmlPlugin(): Plugin {
  return {
    name: 'upstream-no-inner-html',
    setup(build) {
      build.onLoad({ filter: /[\\/]preact[\\/]dist[\\/]preact\.mjs$/ }, async (args) => ({
        contents: withoutInnerHtmlSink(await readFile(args.path, 'utf8'), args.path),
        loader: 'js',
      }));
    },
  };
}
