/**
 * Size rules: modules over 500 lines (error) and functions over 25 lines (warning).
 * @module
 */
import ts from 'typescript';
import { lineOf, walk, type SourceInfo } from '#compliance/source.js';
import { MAX_FUNCTION_LINES, MAX_MODULE_LINES, type Finding } from '#compliance/types.js';

/** A finding when the module is longer than the limit. */
export function moduleSizeFindings(info: SourceInfo): Finding[] {
  if (info.lineCount <= MAX_MODULE_LINES) {
    return [];
  }
  return [
    {
      rule: 'module-size',
      file: info.file,
      line: 1,
      message: `${info.lineCount} lines (limit ${MAX_MODULE_LINES})`,
    },
  ];
}

type FunctionNode = ts.FunctionLikeDeclaration & { body: ts.Node };

function isFunctionWithBody(node: ts.Node): node is FunctionNode {
  return ts.isFunctionLike(node) && 'body' in node && node.body !== undefined;
}

/** Test-suite containers (`describe`, `describe.runIf(…)`, `suite`): their callbacks group tests rather than doing work. */
const SUITE_CALLEE = /^(describe|suite)(\.|$)/;

function calleeOf(node: FunctionNode): string | undefined {
  const call = node.parent;
  return ts.isCallExpression(call) && call.arguments.includes(node as ts.Expression)
    ? call.expression.getText().replace(/\(.*$/s, '')
    : undefined;
}

/** A readable name: the declared one, the variable or property it is assigned to, or the call it is passed to. */
export function functionName(node: FunctionNode): string {
  if (ts.isConstructorDeclaration(node)) {
    return 'constructor';
  }
  const holder =
    ts.isVariableDeclaration(node.parent) || ts.isPropertyAssignment(node.parent)
      ? node.parent.name
      : undefined;
  const name = node.name ?? holder;
  if (name !== undefined && !ts.isComputedPropertyName(name)) {
    return name.getText();
  }
  const callee = calleeOf(node);
  return callee === undefined ? '<anonymous>' : `<callback of ${callee}>`;
}

/** A finding for every function body longer than the limit, nested functions counted on their own. */
export function functionSizeFindings(info: SourceInfo): Finding[] {
  const findings: Finding[] = [];
  const { sourceFile } = info;
  walk(sourceFile, (node) => {
    if (!isFunctionWithBody(node) || SUITE_CALLEE.test(calleeOf(node) ?? '')) {
      return;
    }
    const first = lineOf(sourceFile, node);
    const last = sourceFile.getLineAndCharacterOfPosition(node.getEnd()).line + 1;
    const lines = last - first + 1;
    if (lines > MAX_FUNCTION_LINES) {
      findings.push({
        rule: 'function-size',
        file: info.file,
        line: first,
        message: `${functionName(node)}: ${lines} lines`,
      });
    }
  });
  return findings;
}
