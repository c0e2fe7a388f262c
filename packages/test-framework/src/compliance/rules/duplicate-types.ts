/**
 * Exported type names (interfaces, type aliases, classes, enums) defined in more than one package.
 * @module
 */
import ts from 'typescript';
import { lineOf, type SourceInfo } from '#compliance/source.js';
import type { Finding } from '#compliance/types.js';

interface Definition {
  unit: string;
  file: string;
  line: number;
}

type TypeDeclaration =
  ts.InterfaceDeclaration | ts.TypeAliasDeclaration | ts.ClassDeclaration | ts.EnumDeclaration;

function isTypeDeclaration(node: ts.Node): node is TypeDeclaration {
  return (
    ts.isInterfaceDeclaration(node) ||
    ts.isTypeAliasDeclaration(node) ||
    ts.isClassDeclaration(node) ||
    ts.isEnumDeclaration(node)
  );
}

function isExported(node: TypeDeclaration): boolean {
  return (ts.getCombinedModifierFlags(node) & ts.ModifierFlags.Export) !== 0;
}

/** Collects exported type definitions across files, then reports the names found in several packages. */
export class DuplicateTypeCollector {
  private readonly definitions = new Map<string, Definition[]>();

  /** Records the top-level exported type declarations of one file. */
  add(info: SourceInfo): void {
    for (const statement of info.sourceFile.statements) {
      if (!isTypeDeclaration(statement) || !isExported(statement) || statement.name === undefined) {
        continue;
      }
      const name = statement.name.text;
      const list = this.definitions.get(name) ?? [];
      list.push({ unit: info.unit.dir, file: info.file, line: lineOf(info.sourceFile, statement) });
      this.definitions.set(name, list);
    }
  }

  /** One finding per name defined in two or more packages, listing every definition. */
  findings(): Finding[] {
    const findings: Finding[] = [];
    for (const [name, list] of [...this.definitions].sort(([a], [b]) => a.localeCompare(b))) {
      if (new Set(list.map((definition) => definition.unit)).size < 2) {
        continue;
      }
      const first = list[0] as Definition;
      const where = list.map((definition) => `${definition.file}:${definition.line}`).join(', ');
      findings.push({
        rule: 'duplicate-types',
        file: first.file,
        line: first.line,
        message: `${name}: ${where}`,
      });
    }
    return findings;
  }
}
