/**
 * Import rules: services never import each other, packages never import services (errors),
 * and relative imports stay inside their own package (warning).
 * @module
 */
import { dirname, resolve } from 'node:path';
import ts from 'typescript';
import { lineOf, walk, type SourceInfo } from '#compliance/source.js';
import type { Finding } from '#compliance/types.js';
import { isInside, unitForSpecifier, unitOf, type WorkspaceUnit } from '#compliance/workspace.js';

export interface ImportRef {
  specifier: string;
  line: number;
}

function stringArgument(node: ts.Expression | undefined): string | undefined {
  return node !== undefined && ts.isStringLiteralLike(node) ? node.text : undefined;
}

/** The module specifier a node imports, for every static, dynamic, type-only and CommonJS form. */
function specifierOf(node: ts.Node): string | undefined {
  if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) {
    return stringArgument(node.moduleSpecifier);
  }
  if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
    return stringArgument(node.moduleReference.expression);
  }
  if (ts.isCallExpression(node)) {
    const callee = node.expression;
    const isImport = callee.kind === ts.SyntaxKind.ImportKeyword;
    const isRequire = ts.isIdentifier(callee) && callee.text === 'require';
    return isImport || isRequire ? stringArgument(node.arguments[0]) : undefined;
  }
  if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
    return stringArgument(node.argument.literal);
  }
  return undefined;
}

/** Every module specifier the file refers to, with its line. */
export function importsOf(sourceFile: ts.SourceFile): ImportRef[] {
  const refs: ImportRef[] = [];
  walk(sourceFile, (node) => {
    const specifier = specifierOf(node);
    if (specifier !== undefined) {
      refs.push({ specifier, line: lineOf(sourceFile, node) });
    }
  });
  return refs;
}

interface Target {
  unit: WorkspaceUnit | undefined;
  /** Resolved path of a relative specifier. */
  path?: string;
}

function targetOf(info: SourceInfo, specifier: string, units: readonly WorkspaceUnit[]): Target {
  if (specifier.startsWith('.')) {
    const path = resolve(dirname(info.path), specifier);
    return { unit: unitOf(units, path), path };
  }
  return { unit: unitForSpecifier(units, specifier) };
}

function crossesService(from: WorkspaceUnit, to: WorkspaceUnit | undefined): to is WorkspaceUnit {
  return to !== undefined && to.kind === 'service' && to.dir !== from.dir;
}

function boundaryMessage(from: WorkspaceUnit, to: WorkspaceUnit, specifier: string): string {
  const who = from.kind === 'service' ? `service ${from.name}` : `package ${from.packageName}`;
  return `${who} imports service ${to.name} ("${specifier}"); talk over HTTP/WS instead`;
}

/** Findings for imports that cross a service boundary or climb out of their package. */
export function importFindings(info: SourceInfo, units: readonly WorkspaceUnit[]): Finding[] {
  const findings: Finding[] = [];
  for (const { specifier, line } of importsOf(info.sourceFile)) {
    const target = targetOf(info, specifier, units);
    if (crossesService(info.unit, target.unit)) {
      const message = boundaryMessage(info.unit, target.unit, specifier);
      findings.push({ rule: 'service-boundaries', file: info.file, line, message });
    } else if (target.path !== undefined && !isInside(info.unit.dir, target.path)) {
      const message = `"${specifier}" leaves ${info.unit.packageName}; import it by package name`;
      findings.push({ rule: 'package-escape', file: info.file, line, message });
    }
  }
  return findings;
}
