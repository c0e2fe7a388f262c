/**
 * One parsed source file with what every rule needs to know about it.
 * @module
 */
import { readFileSync } from 'node:fs';
import { relative, sep } from 'node:path';
import ts from 'typescript';
import type { WorkspaceUnit } from './workspace.js';

export interface SourceInfo {
  /** Absolute path. */
  path: string;
  /** Path relative to the scanned root, `/`-separated (stable across platforms, used in reports). */
  file: string;
  unit: WorkspaceUnit;
  sourceFile: ts.SourceFile;
  lineCount: number;
}

function scriptKind(path: string): ts.ScriptKind {
  return path.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
}

/** Number of lines, not counting the empty string after a final newline. */
export function countLines(text: string): number {
  if (text === '') {
    return 0;
  }
  const lines = text.split(/\r?\n/).length;
  return text.endsWith('\n') ? lines - 1 : lines;
}

/** Parses source text as if read from `path` (syntax only: fast, and no type information is needed). */
export function sourceFromText(root: string, path: string, text: string, unit: WorkspaceUnit): SourceInfo {
  const sourceFile = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, scriptKind(path));
  return {
    path,
    file: relative(root, path).split(sep).join('/'),
    unit,
    sourceFile,
    lineCount: countLines(text),
  };
}

/** Reads and parses one file. */
export function readSource(root: string, path: string, unit: WorkspaceUnit): SourceInfo {
  return sourceFromText(root, path, readFileSync(path, 'utf8'), unit);
}

/** 1-based line of a node's first token. */
export function lineOf(sourceFile: ts.SourceFile, node: ts.Node): number {
  return sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line + 1;
}

/** Calls `visit` for every node of the file, depth first. */
export function walk(node: ts.Node, visit: (node: ts.Node) => void): void {
  visit(node);
  ts.forEachChild(node, (child) => {
    walk(child, visit);
  });
}
