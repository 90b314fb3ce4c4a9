/** One package of the workspace, as scripts/workspacePackages.cjs reads it. */
export interface WorkspacePackage {
  name: string;
  /** Absolute folder. */
  dir: string;
  /** Folder relative to the repository root, e.g. `packages/core`. */
  folder: string;
  private: boolean;
  manifest: Record<string, unknown> & { name: string; exports?: Record<string, unknown> };
  /** Every import path (`@idem/core/types`) with the export subpath and the source it is built from. */
  importPaths: Array<{ importPath: string; subpath: string; source: string }>;
}

export declare const repoRoot: string;
export declare function workspacePackages(): WorkspacePackage[];
export declare function publishedPackages(): WorkspacePackage[];
/** Jest's moduleNameMapper: every workspace import path to its source, relative `.js` imports to `.ts`. */
export declare function jestModuleNameMapper(): Record<string, string>;
