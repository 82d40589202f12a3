/**
 * The comments of a TypeScript or JavaScript source, found by the compiler's parser: every
 * comment is trivia before some token, so the text between each token of the syntax tree and
 * the one before it is read for comments. A `//` inside a template literal, a string, a
 * regular expression or JSX text is never one, whatever came before it (a division, `${…}`).
 */
import ts from 'typescript';

export interface SourceComment {
  /** the comment as written, `//` or `/*` included */
  text: string;
  /** 1-based line of its first character */
  line: number;
}

const scriptKind = (fileName: string) =>
  fileName.endsWith('.tsx') ? ts.ScriptKind.TSX : /\.[cm]?js$/.test(fileName) ? ts.ScriptKind.JS : ts.ScriptKind.TS;

export function commentsOf(source: string, fileName: string): SourceComment[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, scriptKind(fileName));
  const comments: SourceComment[] = [];
  const readTrivia = (from: number, to: number) => {
    const scanner = ts.createScanner(ts.ScriptTarget.Latest, false, ts.LanguageVariant.Standard, source, undefined, from, to - from);
    for (let token = scanner.scan(); token !== ts.SyntaxKind.EndOfFileToken; token = scanner.scan()) {
      if (token !== ts.SyntaxKind.SingleLineCommentTrivia && token !== ts.SyntaxKind.MultiLineCommentTrivia) continue;
      const start = scanner.getTokenStart();
      comments.push({ text: scanner.getTokenText(), line: file.getLineAndCharacterOfPosition(start).line + 1 });
    }
  };
  // A JSDoc node repeats a comment that is already trivia before the next token.
  const isJsDoc = (node: ts.Node) => node.kind >= ts.SyntaxKind.FirstJSDocNode && node.kind <= ts.SyntaxKind.LastJSDocNode;
  const visit = (node: ts.Node) => {
    const children = node.getChildren(file).filter((child) => !isJsDoc(child));
    if (children.length > 0) return children.forEach(visit);
    // JSX text has no trivia: what looks like a comment in it is text on the page.
    if (node.kind !== ts.SyntaxKind.JsxText) readTrivia(node.pos, node.getStart(file));
  };
  visit(file);
  return comments;
}
