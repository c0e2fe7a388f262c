/**
 * Finds every way of reading `process.env` outside the one shared environment module.
 * @module
 */
import ts from 'typescript';
import { lineOf, walk, type SourceInfo } from '#compliance/source.js';
import { ENV_MODULE, type Finding } from '#compliance/types.js';

/** `process` or `globalThis.process`. */
function isProcess(node: ts.Expression): boolean {
  const inner = ts.isParenthesizedExpression(node) ? node.expression : node;
  if (ts.isIdentifier(inner)) {
    return inner.text === 'process';
  }
  return (
    ts.isPropertyAccessExpression(inner) &&
    inner.name.text === 'process' &&
    ts.isIdentifier(inner.expression) &&
    inner.expression.text === 'globalThis'
  );
}

function bindsEnv(pattern: ts.ObjectBindingPattern): boolean {
  return pattern.elements.some((element) => {
    const key = element.propertyName ?? element.name;
    return (ts.isIdentifier(key) || ts.isStringLiteral(key)) && key.text === 'env';
  });
}

function isProcessModule(specifier: ts.Expression): boolean {
  return ts.isStringLiteral(specifier) && (specifier.text === 'process' || specifier.text === 'node:process');
}

function importsEnv(node: ts.ImportDeclaration): boolean {
  const bindings = node.importClause?.namedBindings;
  if (!isProcessModule(node.moduleSpecifier) || bindings === undefined || !ts.isNamedImports(bindings)) {
    return false;
  }
  return bindings.elements.some((element) => (element.propertyName ?? element.name).text === 'env');
}

/** How a node reads the environment, or undefined when it does not. */
export function envAccessKind(node: ts.Node): string | undefined {
  if (ts.isPropertyAccessExpression(node) && node.name.text === 'env' && isProcess(node.expression)) {
    return 'process.env';
  }
  if (ts.isElementAccessExpression(node) && isProcess(node.expression)) {
    const key = node.argumentExpression;
    return ts.isStringLiteralLike(key) && key.text === 'env' ? "process['env']" : undefined;
  }
  if (ts.isVariableDeclaration(node) && ts.isObjectBindingPattern(node.name)) {
    const init = node.initializer;
    return init !== undefined && isProcess(init) && bindsEnv(node.name) ? '{ env } = process' : undefined;
  }
  if (ts.isImportDeclaration(node) && importsEnv(node)) {
    return "import { env } from 'node:process'";
  }
  return undefined;
}

/**
 * `process.env` members that are not configuration but constants a bundler inlines, allowed in one
 * file each. Next.js replaces `process.env.NEXT_RUNTIME` per compiled bundle, and only that literal
 * expression keeps Node-only imports out of the edge bundle of `instrumentation.ts`.
 */
const BUNDLER_CONSTANTS: Readonly<Record<string, readonly string[]>> = {
  'services/frontend/instrumentation.ts': ['NEXT_RUNTIME'],
};

function isAllowedBundlerConstant(file: string, node: ts.Node): boolean {
  const allowed = BUNDLER_CONSTANTS[file];
  const parent = node.parent as ts.Node | undefined;
  if (allowed === undefined || parent === undefined || !ts.isPropertyAccessExpression(parent)) {
    return false;
  }
  return parent.expression === node && allowed.includes(parent.name.text);
}

/** A finding for every environment read, except in the shared environment module. */
export function processEnvFindings(info: SourceInfo): Finding[] {
  if (info.file === ENV_MODULE) {
    return [];
  }
  const findings: Finding[] = [];
  walk(info.sourceFile, (node) => {
    const kind = envAccessKind(node);
    if (kind !== undefined && !isAllowedBundlerConstant(info.file, node)) {
      const message = `${kind}: read configuration through IsolatedEnvironment (@netra/shared/server)`;
      findings.push({ rule: 'process-env', file: info.file, line: lineOf(info.sourceFile, node), message });
    }
  });
  return findings;
}
